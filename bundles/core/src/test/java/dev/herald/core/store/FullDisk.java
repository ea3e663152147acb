package dev.herald.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system, {@code fulldisk:}, over the real disk, whose writes fail as on a full disk
 * ("No space left on device") between {@link #fill()} and {@link #free()}: the disk-full test for
 * machines where a test cannot mount a small filesystem. Its forces to disk can be held back
 * ({@link #holdForces()}), and the next one fail as on a broken disk ("Input/output error", {@link
 * #breakNextForce()}). H2 makes instances by reflection, so the state is shared.
 */
public final class FullDisk extends FilePathWrapper {
    static final String PREFIX = "fulldisk:";
    private static final AtomicBoolean FULL = new AtomicBoolean();
    private static final AtomicBoolean NEXT_FORCE_FAILS = new AtomicBoolean();
    /** Open while forces are held back; a force that began then waits for it. */
    private static volatile CountDownLatch forcesHeld;
    /** A permit per force that began while forces were held back. */
    private static final Semaphore HELD = new Semaphore(0);

    static void register() {
        FilePath.register(new FullDisk());
    }

    static void fill() {
        FULL.set(true);
    }

    /** Takes writes and forces again, and lets forces held back go on. */
    static void free() {
        FULL.set(false);
        NEXT_FORCE_FAILS.set(false);
        releaseForces();
    }

    /** The next force fails; the ones after it work. */
    static void breakNextForce() {
        NEXT_FORCE_FAILS.set(true);
    }

    /** Forces that begin from now on wait until {@link #releaseForces()}. */
    static void holdForces() {
        HELD.drainPermits();
        forcesHeld = new CountDownLatch(1);
    }

    /** Waits until a force has begun and is being held back. */
    static void awaitHeldForce() throws InterruptedException {
        HELD.acquire();
    }

    static void releaseForces() {
        CountDownLatch held = forcesHeld;
        forcesHeld = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public String getScheme() {
        return "fulldisk";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static void refuseWhileFull() throws IOException {
        if (FULL.get()) {
            throw new IOException("No space left on device");
        }
    }

    /** The disk's channel, refusing writes while the disk is full. */
    private static final class Channel extends FileBase {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            refuseWhileFull();
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            refuseWhileFull();
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            CountDownLatch held = forcesHeld;
            if (held != null) {
                HELD.release();
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held back", e);
                }
            }
            if (NEXT_FORCE_FAILS.getAndSet(false)) {
                throw new IOException("Input/output error");
            }
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
