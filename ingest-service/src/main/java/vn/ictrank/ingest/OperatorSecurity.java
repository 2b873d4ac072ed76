package vn.ictrank.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * This service has no pages: health is open to probes, every other actuator endpoint (metrics
 * among them) needs the operator's login. Without a configured password nobody can log in, and no
 * password is ever made up and logged.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurity {

	@Bean
	SecurityFilterChain operatorFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	UserDetailsService operators(IngestProperties properties) {
		IngestProperties.Operator operator = properties.operator();
		if (operator.password() == null || operator.password().isBlank()) {
			return new InMemoryUserDetailsManager();
		}
		return new InMemoryUserDetailsManager(User.withUsername(operator.username())
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(operator.password()))
			.roles("OPERATOR")
			.build());
	}
}
