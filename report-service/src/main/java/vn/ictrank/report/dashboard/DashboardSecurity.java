package vn.ictrank.report.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Staff sign in ({@link vn.ictrank.report.users.StaffUsers}) to see submissions, and act on them
 * as their role allows; blank forms and health checks are public, so the Department can link the
 * forms from its letter. Metrics need a login (HTTP Basic for scrapers).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

	@Bean
	SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
		// Roles in StaffRole: whoever may review may view, whoever administers may review.
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/dang-nhap", "/bieu-mau/**", "/css/**", "/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/nguoi-dung/**", "/nguoi-dung").hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/ho-so/*/chap-nhan-nop-muon", "/dot-danh-gia/**", "/co-quan/**").hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/dang-xuat").authenticated()
				.requestMatchers(HttpMethod.POST, "/**").hasRole("REVIEW")
				.anyRequest().hasRole("VIEW"))
			.formLogin(form -> form.loginPage("/dang-nhap").permitAll())
			.httpBasic(Customizer.withDefaults())
			.logout(logout -> logout.logoutUrl("/dang-xuat").logoutSuccessUrl("/dang-nhap?da-thoat"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; style-src 'self'")));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}
}
