package vn.ictrank.report.users;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import vn.ictrank.report.ReportProperties;

/**
 * The staff who may sign in: the administrator the settings name (always there, so that nobody
 * is locked out), and the users administrators add, kept in MongoDB with bcrypt hashes.
 */
@Component
public class StaffUsers implements UserDetailsService {

	private final MongoTemplate mongo;

	private final PasswordEncoder encoder;

	private final UserDetails administrator;

	private final Clock clock = Clock.systemUTC();

	StaffUsers(MongoTemplate mongo, PasswordEncoder encoder, ReportProperties properties) {
		this.mongo = mongo;
		this.encoder = encoder;
		String given = properties.password();
		if (given == null || given.isBlank()) {
			// A password made up here would have to be shown somewhere, and a log is no place for one.
			throw new IllegalStateException("No dashboard password: set ICTRANK_REPORT_PASSWORD (ictrank.report.password). "
					+ "The local launcher makes one up and prints it in its banner.");
		}
		this.administrator = User.withUsername(properties.username()).password(encoder.encode(given))
			.roles(StaffRole.ADMIN.grants()).build();
	}

	/** A user as stored: never the password, only its hash. */
	@Document("staff-users")
	public record StaffUser(@Id String username, String displayName, StaffRole role, String passwordHash, boolean enabled,
			Instant changedAt, String changedBy) {
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (username.equals(this.administrator.getUsername())) {
			return User.withUserDetails(this.administrator).build();
		}
		StaffUser user = find(username).orElseThrow(() -> new UsernameNotFoundException(username));
		return User.withUsername(user.username()).password(user.passwordHash()).disabled(!user.enabled())
			.roles(user.role().grants()).build();
	}

	/** Whether a user signed in with these authorities is still enabled and still holds exactly them. */
	boolean stillGrants(String username, java.util.Set<String> authorities) {
		if (username.equals(this.administrator.getUsername())) {
			return true;
		}
		return find(username).filter(StaffUser::enabled)
			.map(u -> java.util.Arrays.stream(u.role().grants()).map(r -> "ROLE_" + r).collect(java.util.stream.Collectors.toSet()).equals(authorities))
			.orElse(false);
	}

	public String administratorName() {
		return this.administrator.getUsername();
	}

	public Optional<StaffUser> find(String username) {
		return Optional.ofNullable(this.mongo.findById(normal(username), StaffUser.class));
	}

	public List<StaffUser> all() {
		return this.mongo.find(new Query().with(Sort.by("username")), StaffUser.class);
	}

	/**
	 * Adds a user or changes one; a blank password keeps the one it has.
	 * @throws IllegalArgumentException with a message for staff, in Vietnamese
	 */
	StaffUser save(String username, String displayName, StaffRole role, String password, boolean enabled, String by) {
		String name = normal(username);
		if (!name.matches("[a-z0-9._-]{2,40}")) {
			throw new IllegalArgumentException("Tên đăng nhập gồm 2–40 chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.");
		}
		if (name.equals(this.administrator.getUsername())) {
			throw new IllegalArgumentException("Tài khoản quản trị trong cấu hình không sửa được ở đây.");
		}
		Optional<StaffUser> existing = find(name);
		String hash;
		if (password != null && !password.isBlank()) {
			if (password.length() < 10) {
				throw new IllegalArgumentException("Mật khẩu cần ít nhất 10 ký tự.");
			}
			hash = this.encoder.encode(password);
		}
		else if (existing.isPresent()) {
			hash = existing.get().passwordHash();
		}
		else {
			throw new IllegalArgumentException("Người dùng mới cần có mật khẩu.");
		}
		StaffUser user = new StaffUser(name, displayName == null ? "" : displayName.strip(), role, hash, enabled, this.clock.instant(), by);
		this.mongo.save(user);
		return user;
	}

	private static String normal(String username) {
		return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
	}
}
