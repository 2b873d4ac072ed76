package vn.ictrank.report.users;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.ictrank.report.Campaigns;
import vn.ictrank.report.review.AuditLog;

/** The users page (người dùng), for administrators: who may sign in, and with which role. */
@Controller
class UsersController {

	private final StaffUsers users;

	private final Campaigns campaigns;

	private final AuditLog audit;

	UsersController(StaffUsers users, Campaigns campaigns, AuditLog audit) {
		this.users = users;
		this.campaigns = campaigns;
		this.audit = audit;
	}

	@GetMapping("/nguoi-dung")
	String users(Model model) {
		model.addAttribute("campaign", this.campaigns.chosen(null));
		model.addAttribute("campaigns", this.campaigns.all());
		model.addAttribute("administrator", this.users.administratorName());
		model.addAttribute("users", this.users.all());
		model.addAttribute("roles", StaffRole.values());
		return "nguoi-dung";
	}

	@PostMapping("/nguoi-dung")
	String save(@RequestParam("ten-dang-nhap") String username, @RequestParam(name = "ho-ten", defaultValue = "") String displayName,
			@RequestParam("vai-tro") StaffRole role, @RequestParam(name = "mat-khau", defaultValue = "") String password,
			@RequestParam(name = "khoa", defaultValue = "false") boolean locked, Principal staff, RedirectAttributes redirect) {
		try {
			StaffUsers.StaffUser user = this.users.save(username, displayName, role, password, !locked, staff.getName());
			this.audit.record(null, staff.getName(), "Cập nhật người dùng", null, null, user.username() + ": " + role.label()
					+ (locked ? ", đã khoá" : "") + (password.isBlank() ? "" : ", đặt mật khẩu mới"));
			redirect.addFlashAttribute("notice", "Đã lưu người dùng " + user.username() + ".");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/nguoi-dung";
	}

	/** What the signed-in member of staff may do, for pages to show only the actions they can take. */
	@ControllerAdvice
	static class Permissions {

		@ModelAttribute("canReview")
		boolean canReview(Authentication authentication) {
			return has(authentication, StaffRole.REVIEW);
		}

		@ModelAttribute("canAdminister")
		boolean canAdminister(Authentication authentication) {
			return has(authentication, StaffRole.ADMIN);
		}

		private static boolean has(Authentication authentication, StaffRole role) {
			return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
		}
	}
}
