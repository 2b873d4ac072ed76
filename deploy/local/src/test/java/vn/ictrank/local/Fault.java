package vn.ictrank.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One fault of a seeded schedule: what breaks, for how long, and how long all is well before the
 * next. The same seed gives the same schedule, so a failed run can be run again as it was.
 */
record Fault(Kind kind, String target, Duration hold, Duration gap, long delayMillis) {

	enum Kind {
		/** The broker process is killed (SIGKILL) and started again. */
		BROKER_KILLED,
		/** The broker is stopped the way an operator stops it, and started again. */
		BROKER_RESTARTED,
		MAIL_SERVER_RESTARTED,
		DATABASE_RESTARTED,
		/** A service process is killed (SIGKILL) and started again. */
		SERVICE_KILLED,
		/** A service is stopped the way Kubernetes stops a pod, and started again. */
		SERVICE_RESTARTED,
		/** The connections between the services and a server are reset and new ones refused. */
		LINK_CUT,
		/** The connections between the services and a server are reset; new ones work. */
		LINK_RESET,
		LINK_SLOW,
		/** The connections carry nothing for a while, then go on. */
		LINK_STALLED
	}

	static List<Fault> schedule(long seed, int count, List<String> services, List<String> links) {
		Random random = new Random(seed);
		Kind[] kinds = Kind.values();
		List<Fault> faults = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Kind kind = kinds[random.nextInt(kinds.length)];
			String target = switch (kind) {
				case SERVICE_KILLED, SERVICE_RESTARTED -> services.get(random.nextInt(services.size()));
				case LINK_CUT, LINK_RESET, LINK_SLOW, LINK_STALLED -> links.get(random.nextInt(links.size()));
				case BROKER_KILLED, BROKER_RESTARTED -> "kafka";
				case MAIL_SERVER_RESTARTED -> "mail";
				case DATABASE_RESTARTED -> "mongo";
			};
			Duration hold = kind == Kind.LINK_RESET ? Duration.ZERO : Duration.ofMillis(500 + random.nextInt(3500));
			Duration gap = Duration.ofMillis(500 + random.nextInt(1500));
			long delay = kind == Kind.LINK_SLOW ? 50 + random.nextInt(750) : 0;
			faults.add(new Fault(kind, target, hold, gap, delay));
		}
		return faults;
	}

	static Duration length(List<Fault> faults) {
		return faults.stream().map(f -> f.hold().plus(f.gap())).reduce(Duration.ZERO, Duration::plus);
	}

	/** Breaks the part this fault is about; {@link #heal} mends it. */
	void inject(ProcessStack stack) {
		switch (this.kind) {
			case BROKER_KILLED -> stack.broker().kill();
			case BROKER_RESTARTED -> stack.broker().stop();
			case MAIL_SERVER_RESTARTED -> stack.stopMail();
			case DATABASE_RESTARTED -> stack.stopDatabase();
			case SERVICE_KILLED -> stack.service(this.target).kill();
			case SERVICE_RESTARTED -> stack.service(this.target).stop();
			case LINK_CUT -> proxy(stack).cut();
			case LINK_RESET -> proxy(stack).reset();
			case LINK_SLOW -> proxy(stack).delay(this.delayMillis);
			case LINK_STALLED -> proxy(stack).stall();
		}
	}

	void heal(ProcessStack stack) {
		switch (this.kind) {
			case BROKER_KILLED, BROKER_RESTARTED -> stack.broker().start();
			case MAIL_SERVER_RESTARTED -> stack.startMail();
			case DATABASE_RESTARTED -> stack.startDatabase();
			case SERVICE_KILLED, SERVICE_RESTARTED -> stack.service(this.target).start();
			case LINK_CUT, LINK_RESET, LINK_SLOW, LINK_STALLED -> proxy(stack).heal();
		}
	}

	private TcpProxy proxy(ProcessStack stack) {
		return stack.proxies().stream().filter(p -> p.name().equals(this.target)).findFirst().orElseThrow();
	}

	@Override
	public String toString() {
		return this.kind + " " + this.target + " " + this.hold.toMillis() + " ms" + (this.delayMillis > 0 ? " (+" + this.delayMillis + " ms)" : "");
	}
}
