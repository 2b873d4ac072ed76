package vn.ictrank.report.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import vn.ictrank.report.ReportProperties;

/**
 * Staff sign in to see submissions; blank forms and health checks are public, so the
 * Department can link the forms from its letter. Metrics need a login (HTTP Basic for scrapers).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

	@Bean
	SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/dang-nhap", "/bieu-mau/**", "/css/**", "/actuator/health", "/actuator/health/**").permitAll()
				.anyRequest().authenticated())
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

	@Bean
	UserDetailsService staff(ReportProperties properties, PasswordEncoder encoder) {
		String given = properties.password();
		if (given == null || given.isBlank()) {
			// A password made up here would have to be shown somewhere, and a log is no place for one.
			throw new IllegalStateException("No dashboard password: set ICTRANK_REPORT_PASSWORD (ictrank.report.password). "
					+ "The local launcher makes one up and prints it in its banner.");
		}
		return new InMemoryUserDetailsManager(User.withUsername(properties.username()).password(encoder.encode(given))
			.roles("STAFF").build());
	}
}
