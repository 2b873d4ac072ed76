package vn.ictrank.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.ictrank.local.ProcessStack;

/** The ictrank timers of a service as its Prometheus endpoint shows them: count and total seconds per series. */
final class Scrape {

	private static final Pattern TIMER = Pattern.compile("(?m)^(ictrank_[a-z_]+_seconds)_(count|sum)(\\{[^}]*})? ([0-9.Ee+-]+)$");

	record Timer(double count, double seconds) {

		Timer minus(Timer earlier) {
			return earlier == null ? this : new Timer(this.count - earlier.count, this.seconds - earlier.seconds);
		}

		double meanMillis() {
			return this.count == 0 ? Double.NaN : this.seconds / this.count * 1000;
		}
	}

	static Map<String, Timer> timers(int port) throws IOException, InterruptedException {
		String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.header("Authorization", ProcessStack.LOGIN).build(), HttpResponse.BodyHandlers.ofString()).body();
		Map<String, double[]> raw = new LinkedHashMap<>();
		Matcher m = TIMER.matcher(body);
		while (m.find()) {
			String series = m.group(1) + (m.group(3) == null ? "" : m.group(3));
			double[] values = raw.computeIfAbsent(series, s -> new double[2]);
			values[m.group(2).equals("count") ? 0 : 1] = Double.parseDouble(m.group(4));
		}
		Map<String, Timer> timers = new LinkedHashMap<>();
		raw.forEach((series, v) -> timers.put(series, new Timer(v[0], v[1])));
		return timers;
	}
}
