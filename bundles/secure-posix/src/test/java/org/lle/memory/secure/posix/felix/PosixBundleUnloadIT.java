package org.lle.memory.secure.posix.felix;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.testsupport.ClassPathFelix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Each update and refresh of the POSIX bundle must let the old revision's class loader go: anything that keeps
 * it (a native registration, a thread, a static registry) leaks a class loader and its metaspace per update.
 * The old loaders are held weakly and must be collected; one is held strongly as the control that the check
 * notices a loader still referenced.
 */
class PosixBundleUnloadIT {
    private static final String[] CLASS_PATH_BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component-", "org.osgi.service.log-", "org.apache.felix.scr", "org.apache.felix.configadmin",
        "org.apache.felix.metatype", "jna-", "lle-memory-internal"};
    private static final int UPDATES = 3;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    static Path storage;

    private static ClassPathFelix felix;
    private static BundleContext context;
    private static Bundle posix;

    @BeforeAll
    static void startFelix() throws Exception {
        felix = ClassPathFelix.start(storage, ClassPathFelix.SECURE_API);
        context = felix.context();
        ClassPathFelix.startAll(felix.installFromClassPath(CLASS_PATH_BUNDLES));
        posix = felix.installBuilt("posix.bundle");
        posix.start();
    }

    @AfterAll
    static void stopFelix() throws Exception {
        felix.close();
    }

    @Test
    void oldRevisionsClassLoadersAreCollectedAfterUpdateAndRefresh() throws Exception {
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        ClassLoader control = null;
        for (int i = 0; i < UPDATES; i++) {
            useFromAConsumerThread(awaitPosixService());
            ClassLoader loader = posix.adapt(BundleWiring.class).getClassLoader();
            if (control == null) {
                control = loader;
            }
            oldLoaders.add(new WeakReference<>(loader));
            loader = null;
            posix.update();
            refresh();
        }
        useFromAConsumerThread(awaitPosixService());

        List<WeakReference<ClassLoader>> released = oldLoaders.subList(1, oldLoaders.size());
        awaitCollected("the class loaders of the old POSIX revisions 2.." + UPDATES + " collected",
                () -> released.stream().allMatch(r -> r.get() == null));
        assertThat(oldLoaders.get(0).get()).as("control: the loader still referenced by the test is not collected")
                .isSameAs(control);

        control = null;
        awaitCollected("the class loader of the first POSIX revision collected once the test drops it",
                () -> oldLoaders.get(0).get() == null);
    }

    /** Allocates, writes, reads and closes buffers on a thread of the consumer's own, as a client would. */
    private static void useFromAConsumerThread(ServiceReference<SecureMemory> reference) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            SecureMemory memory = context.getService(reference);
            try {
                for (int n = 0; n < 100; n++) {
                    try (SecureBuffer buffer = memory.allocate(64 + n)) {
                        buffer.put(63, (byte) n);
                        assertThat(buffer.get(63)).isEqualTo((byte) n);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                context.ungetService(reference);
                done.countDown();
            }
        }, "posix-consumer");
        consumer.start();
        assertThat(done.await(20, TimeUnit.SECONDS)).as("the consumer finished").isTrue();
        consumer.join();
        assertThat(failure.get()).as("the consumer's failure").isNull();
    }

    private static void refresh() throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(posix), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertThat(refreshed.await(20, TimeUnit.SECONDS)).as("the refresh finished").isTrue();
    }

    private static void awaitCollected(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            System.gc();
            Thread.sleep(50);
        }
    }

    private static ServiceReference<SecureMemory> awaitPosixService() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            ServiceReference<SecureMemory> reference = posixService();
            if (reference != null) {
                return reference;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: a POSIX SecureMemory service");
            }
            Thread.sleep(5);
        }
    }

    private static ServiceReference<SecureMemory> posixService() {
        try {
            return context.getServiceReferences(SecureMemory.class, "(" + SecureMemoryProperties.PROVIDER + "=posix)")
                    .stream().findFirst().orElse(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
