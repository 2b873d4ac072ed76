package vn.ictrank.ingest.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on the loopback interface, to put a network fault between a service and a server.
 * {@link #freeze()} makes every connection open now go silent, the way a dropped NAT entry or a
 * dead firewall leaves a connection: nothing is closed, nothing arrives. New connections work.
 */
final class LoopbackProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	LoopbackProxy(int target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Every connection open now stops carrying bytes either way, and stays open. */
	void freeze() {
		this.links.forEach(link -> link.frozen = true);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				Link link = new Link(client, upstream);
				this.links.add(link);
				pump(link, client, upstream);
				pump(link, upstream, client);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private static void pump(Link link, Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					if (link.frozen) {
						continue;
					}
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away
			}
		}, "proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Link link : this.links) {
			link.client.close();
			link.upstream.close();
		}
	}

	private static final class Link {

		final Socket client;

		final Socket upstream;

		volatile boolean frozen;

		Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}
	}
}
