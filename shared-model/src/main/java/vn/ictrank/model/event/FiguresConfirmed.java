package vn.ictrank.model.event;

import java.util.List;

import vn.ictrank.model.campaign.AgencyGroup;

/**
 * Staff confirmed with the agency the figures that failed the named data checks: the form is
 * scored and ranked as it stands. Travels on the forms topic, under the group's key, so that
 * scoring reads it in order with the forms whenever it rebuilds a group.
 *
 * @param checkIds the checks whose failure staff accept
 * @param reason how the figures were confirmed ("Sở Tư pháp xác nhận qua điện thoại ngày 20/11")
 * @param confirmedBy the staff member's user name
 */
public record FiguresConfirmed(AgencyGroup group, List<String> checkIds, String reason, String confirmedBy)
		implements SubmissionEvent {

	public FiguresConfirmed {
		checkIds = List.copyOf(checkIds);
	}
}
