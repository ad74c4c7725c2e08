package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The secret-line bundle in Felix with SCR: its {@link SecretLineFactory} service appears over the broker, its lines
 * work and survive the POSIX provider going away, and its configuration (maximum, broker preference) applies.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecretLineFactoryIT {
    private static final String PID = "org.lle.memory.secure.line";
    private static final String TEXT = "p\u00e4ss \u20ac\uD83D\uDE00";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.fullRuntime(), LleRuntime.secureLine());
    }

    private static SecretLine typed(SecretLineFactory factory) {
        SecretLine line = factory.create();
        TEXT.codePoints().forEach(line::insert);
        return line;
    }

    @Test
    public void theFactoryAppearsOverTheBrokerAndItsLinesWork() {
        Providers.awaitBest(context, "posix");
        SecretLineFactory factory = Osgi.await(context, SecretLineFactory.class, null);
        assertTrue("lines live in the broker: " + factory.memory(), factory.memory() instanceof SecureMemoryBroker);
        assertEquals(SecretLineFactory.DEFAULT_MAX_LENGTH, factory.defaultMaxLength());
        try (SecretLine line = typed(factory)) {
            line.moveTo(4);
            line.deleteWordBefore();
            assertTrue(line.contentEquals(" \u20ac\uD83D\uDE00".toCharArray()));
            assertTrue("posix behind the broker locks", line.isLocked());
        }
    }

    @Test
    public void aLineOverTheBrokerKeepsItsTextWhenPosixGoesAway() throws Exception {
        Providers.awaitBest(context, "posix");
        SecretLineFactory factory = Osgi.await(context, SecretLineFactory.class, null);
        Bundle posix = Providers.posix(context);
        try (SecretLine line = typed(factory)) {
            posix.stop();
            try {
                Providers.awaitBest(context, "noop");
                assertTrue(line.contentEquals(TEXT.toCharArray()));
                assertFalse("now in the no-op provider's memory", line.isLocked());
                line.insert('!');
                assertTrue(line.contentEquals((TEXT + "!").toCharArray()));
            } finally {
                posix.start();
            }
            Providers.awaitBest(context, "posix");
            Osgi.waitUntil("the line moved back into locked memory", line::isLocked);
            assertTrue(line.contentEquals((TEXT + "!").toCharArray()));
        }
    }

    @Test
    public void configurationSetsTheMaximumAndCanBypassTheBroker() throws Exception {
        Providers.awaitBest(context, "posix");
        org.osgi.service.cm.Configuration config = Providers.configAdmin(context).getConfiguration(PID, "?");
        try {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("defaultMaxLength", 5);
            props.put("preferBroker", false);
            config.update(props);
            SecretLineFactory five = Osgi.await(context, SecretLineFactory.class, "(defaultMaxLength=5)");
            assertEquals(5, five.defaultMaxLength());
            assertFalse("bypassed: " + five.memory(), five.memory() instanceof SecureMemoryBroker);
            assertEquals("posix", five.memory().info().provider());

            props.put("defaultMaxLength", 0);
            config.update(props);
            SecretLineFactory refused = Osgi.await(context, SecretLineFactory.class, "(defaultMaxLength=0)");
            assertEquals("a bad maximum falls back to the default", SecretLineFactory.DEFAULT_MAX_LENGTH,
                    refused.defaultMaxLength());
        } finally {
            config.delete();
        }
        Osgi.waitUntil("the default configuration is back", () -> !Osgi.references(context, SecretLineFactory.class,
                "(defaultMaxLength=" + SecretLineFactory.DEFAULT_MAX_LENGTH + ")").isEmpty());
    }
}
