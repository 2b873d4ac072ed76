package vn.ictrank.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later. A port the kernel hands out for port 0 comes from the
 * ephemeral range, where it can be handed out again (to the next pick, or to any outgoing
 * connection) before the server binds it: a run saw the embedded MongoDB and a service's Tomcat
 * given the same port. These come from below that range, distinct within the JVM.
 */
final class FreePorts {

	private static final int FIRST = 15000;

	private static final int LAST = 30000;

	private static final Set<Integer> GIVEN = new HashSet<>();

	private FreePorts() {
	}

	static synchronized List<Integer> take(int count) throws IOException {
		List<Integer> ports = new ArrayList<>();
		for (int tries = 0; ports.size() < count; tries++) {
			if (tries > 10_000) {
				throw new IOException("No free port between " + FIRST + " and " + LAST);
			}
			int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
			if (!GIVEN.contains(port) && canBind(port)) {
				GIVEN.add(port);
				ports.add(port);
			}
		}
		return ports;
	}

	static int take() throws IOException {
		return take(1).get(0);
	}

	private static boolean canBind(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}
}
