package vn.ictrank.report.users;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a user an administrator has since locked or given another role: the roles
 * a session holds were granted when it signed in, and would otherwise last as long as it does.
 * Runs after Spring Security has restored the session's sign-in.
 */
@Component
class StaffSessions extends OncePerRequestFilter {

	private final StaffUsers users;

	StaffSessions(StaffUsers users) {
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)
				&& !this.users.stillGrants(signedIn.getName(), authorities(signedIn))) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			response.sendRedirect(request.getContextPath() + "/dang-nhap");
			return;
		}
		chain.doFilter(request, response);
	}

	private static Set<String> authorities(Authentication authentication) {
		// Only the roles: Spring Security adds others of its own (how the user signed in, FACTOR_PASSWORD).
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
			.collect(Collectors.toSet());
	}
}
