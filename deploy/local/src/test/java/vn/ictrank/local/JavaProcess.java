package vn.ictrank.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A program of this build in its own JVM, as production runs each service: it can be killed
 * outright (SIGKILL, nothing flushed, nothing handed back) or stopped, and started again. Its
 * output goes to a log file per start, kept for whoever reads a failed run.
 */
public final class JavaProcess {

	/** Every child still running, ended with this JVM however it ends short of being killed itself. */
	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "java-process-cleanup"));
	}

	private final String name;

	private final String mainClass;

	private final List<String> jvmOptions;

	private final List<String> args;

	private final Path logDir;

	private Process process;

	private int starts;

	JavaProcess(String name, String mainClass, List<String> jvmOptions, List<String> args, Path logDir) {
		this.name = name;
		this.mainClass = mainClass;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.args = List.copyOf(args);
		this.logDir = logDir;
	}

	public String name() {
		return this.name;
	}

	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(this.mainClass);
		command.addAll(this.args);
		try {
			Files.createDirectories(this.logDir);
			Path log;
			do {
				log = this.logDir.resolve(this.name + "-" + (++this.starts) + ".log");
			}
			while (Files.exists(log));
			this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			RUNNING.add(this.process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** SIGKILL: the process ends at once, mid-whatever it was doing. */
	public synchronized void kill() {
		end(true);
	}

	/** SIGTERM: the process shuts down the way it does when an operator stops it. */
	public synchronized void stop() {
		end(false);
	}

	/** The operating system's id of the running process, for jcmd and the like. */
	public synchronized long pid() {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return this.process.pid();
	}

	public synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	private void end(boolean forcibly) {
		if (this.process == null) {
			return;
		}
		RUNNING.remove(this.process);
		if (forcibly) {
			this.process.destroyForcibly();
		}
		else {
			this.process.destroy();
		}
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}
}
