package vn.ictrank.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One local system per data folder. A second one started on the same folder would format and
 * open the same Kafka logs and database file under the running one, so it stops before it
 * touches anything. The operating system releases the lock when the process ends, however it ends.
 */
final class DataFolderLock implements AutoCloseable {

	static final String FILE = "ictrank.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private DataFolderLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** @throws InUse when another local system holds the folder */
	static DataFolderLock acquire(Path dataDir) throws IOException {
		Files.createDirectories(dataDir);
		Path file = dataDir.resolve(FILE);
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
			channel.close();
			throw new InUse(dataDir, holder);
		}
		channel.truncate(0);
		channel.write(StandardCharsets.UTF_8.encode("tiến trình " + ProcessHandle.current().pid()));
		return new DataFolderLock(channel, lock);
	}

	@Override
	public void close() throws IOException {
		this.lock.release();
		this.channel.close();
	}

	/** The folder is in use; the message says so in Vietnamese, for the person who started the launcher. */
	static final class InUse extends IllegalStateException {

		InUse(Path dataDir, String holder) {
			super("Thư mục dữ liệu " + dataDir.toAbsolutePath() + " đang được một ictrank khác dùng"
					+ (holder.isEmpty() ? "" : " (" + holder + ")")
					+ ". Hãy dừng nó trước (Ctrl+C), hoặc chạy với --data-dir=<thư mục khác>.");
		}
	}
}
