package vn.ictrank.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on the loopback interface between a service and a server, to put the faults of a
 * network between them: connections cut or reset, a slow link, a link that stalls and then goes on.
 */
final class TcpProxy implements AutoCloseable {

	private final String name;

	private final ServerSocket server;

	private final int target;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	private volatile boolean refusing;

	private volatile long delayMillis;

	private volatile boolean stalled;

	TcpProxy(String name, int port, int target) throws IOException {
		this.name = name;
		this.target = target;
		this.server = new ServerSocket();
		this.server.setReuseAddress(true);
		this.server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		Thread acceptor = new Thread(this::accept, "proxy-" + name);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Resets every open connection and refuses new ones until {@link #heal()}. */
	void cut() {
		this.refusing = true;
		reset();
	}

	/** Resets every open connection (TCP RST, as a rebooted router or firewall sends); new ones work. */
	void reset() {
		for (Link link : this.links) {
			link.abort();
		}
	}

	/** Every chunk of bytes, either way, waits this long before it is passed on. */
	void delay(long millis) {
		this.delayMillis = millis;
	}

	/** Bytes stop moving either way, nothing is closed; on {@link #heal()} they move again and nothing is lost. */
	void stall() {
		this.stalled = true;
	}

	void heal() {
		this.refusing = false;
		this.delayMillis = 0;
		synchronized (this) {
			this.stalled = false;
			notifyAll();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.refusing) {
					abort(client);
					continue;
				}
				Socket upstream;
				try {
					upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				}
				catch (IOException ex) {
					// The server behind is down: the client sees its connection reset, as it would.
					abort(client);
					continue;
				}
				Link link = new Link(client, upstream);
				this.links.add(link);
				if (this.refusing) {
					// cut() went through the links before this one joined them.
					link.abort();
					this.links.remove(link);
					continue;
				}
				pump(link, client, upstream);
				pump(link, upstream, client);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(Link link, Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					awaitFlowing();
					long delay = this.delayMillis;
					if (delay > 0) {
						Thread.sleep(delay);
					}
					out.write(buffer, 0, n);
					out.flush();
				}
				// None of the protocols behind this proxy half-closes a connection: one side ending ends it.
				link.close();
			}
			catch (IOException | InterruptedException ex) {
				link.abort();
			}
			finally {
				this.links.remove(link);
			}
		}, "proxy-" + this.name + "-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private void awaitFlowing() throws InterruptedException {
		synchronized (this) {
			while (this.stalled) {
				wait();
			}
		}
	}

	private static void abort(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	@Override
	public void close() throws IOException {
		heal();
		this.server.close();
		reset();
	}

	private static final class Link {

		final Socket client;

		final Socket upstream;

		Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void abort() {
			TcpProxy.abort(this.client);
			TcpProxy.abort(this.upstream);
		}

		void close() {
			try {
				this.client.close();
				this.upstream.close();
			}
			catch (IOException ex) {
				abort();
			}
		}
	}
}
