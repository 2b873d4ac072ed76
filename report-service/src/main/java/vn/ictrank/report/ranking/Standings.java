package vn.ictrank.report.ranking;

import vn.ictrank.model.campaign.Campaign;

/**
 * Where each agency of a campaign stands now. The dashboard keeps it up to date as events come
 * in; the ranking's exports publish what it holds rather than reading every submission again.
 */
public interface Standings {

	Standing standing(Campaign campaign);
}
