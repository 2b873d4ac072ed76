package vn.ictrank.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.ictrank.local.ProcessStack;

/**
 * A dashboard page as the browser holds it open: subscribed to the server-sent events of
 * {@code /su-kien}, noting when each mail (by the token in its subject) first reached a final
 * status. It reconnects when the report service restarts, as EventSource does.
 */
final class LiveClient implements AutoCloseable {

	private static final Pattern TOKEN = Pattern.compile("\\[([a-z]+-\\d+)]");

	private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");

	/** @param data what the dashboard pushed, as JSON */
	record Arrival(long nanos, String status, String data) {
	}

	private final Map<String, Arrival> finals = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI uri;


	private final Thread thread;

	private volatile boolean open = true;

	private volatile InputStream current;

	LiveClient(int port) {
		this.uri = URI.create("http://127.0.0.1:" + port + "/su-kien");
		this.thread = new Thread(this::listen, "benchmark-live-client");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** When the mail with this token first showed as scored or failed, and which. */
	Arrival finalOf(String token) {
		return this.finals.get(token);
	}

	private void listen() {
		while (this.open) {
			try {
				HttpResponse<InputStream> response = this.http.send(HttpRequest.newBuilder(this.uri).header("Authorization", ProcessStack.LOGIN)
					.build(), HttpResponse.BodyHandlers.ofInputStream());
				if (response.statusCode() != 200) {
					response.body().close();
					pause();
					continue;
				}
				this.current = response.body();
				try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						long now = System.nanoTime();
						if (line.startsWith("data:")) {
							note(line, now);
						}
					}
				}
			}
			catch (IOException ex) {
				pause();
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void note(String data, long now) {
		Matcher status = STATUS.matcher(data);
		Matcher token = TOKEN.matcher(data);
		if (status.find() && token.find()) {
			String s = status.group(1);
			if (s.equals("SCORED") || s.equals("FAILED") || s.equals("QUARANTINED")) {
				this.finals.putIfAbsent(token.group(1), new Arrival(now, s, data.substring("data:".length())));
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		this.open = false;
		this.thread.interrupt();
		InputStream in = this.current;
		if (in != null) {
			in.close();
		}
	}
}
