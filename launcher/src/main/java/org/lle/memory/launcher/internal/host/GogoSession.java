package org.lle.memory.launcher.internal.host;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo command session opened from the launcher's class path. The Gogo API lives in the gogo.runtime
 * bundle's class space, which the launcher cannot link against, so its three methods are called
 * reflectively through the public {@code CommandProcessor}/{@code CommandSession} interfaces.
 */
final class GogoSession implements AutoCloseable {
    static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    private static final int FORMAT_INSPECT = 0;

    private final BundleContext context;
    private final ServiceReference<?> reference;
    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    private GogoSession(BundleContext context, ServiceReference<?> reference, Object session, Class<?> type)
            throws NoSuchMethodException {
        this.context = context;
        this.reference = reference;
        this.session = session;
        this.execute = type.getMethod("execute", CharSequence.class);
        this.format = type.getMethod("format", Object.class, int.class);
        this.close = type.getMethod("close");
    }

    /** @throws IllegalStateException when no command processor is registered */
    static GogoSession open(BundleContext context, InputStream in, OutputStream out, OutputStream err) {
        ServiceReference<?> ref = context.getServiceReference(PROCESSOR);
        if (ref == null) {
            throw new IllegalStateException("no Gogo " + PROCESSOR + " service (is org.apache.felix.gogo.runtime active?)");
        }
        Object processor = context.getService(ref);
        try {
            Class<?> processorType = ref.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = ref.getBundle().loadClass(SESSION);
            Object session = processorType
                    .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                    .invoke(processor, in, out, err);
            return new GogoSession(context, ref, session, sessionType);
        } catch (ReflectiveOperationException e) {
            context.ungetService(ref);
            throw new IllegalStateException("cannot open a Gogo session: " + e, e);
        }
    }

    /**
     * Runs one command line as the shell would.
     *
     * @return the command's result, or {@code null}
     * @throws Exception what the command threw
     */
    Object execute(String commandLine) throws Exception {
        try {
            return execute.invoke(session, commandLine);
        } catch (InvocationTargetException e) {
            // Gogo wraps what the command threw in its own InvocationTargetException too
            Throwable cause = e;
            while (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** @return a result formatted the way the shell prints it */
    String format(Object result) {
        try {
            return String.valueOf(format.invoke(session, result, FORMAT_INSPECT));
        } catch (ReflectiveOperationException e) {
            return String.valueOf(result);
        }
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException e) {
            // closing a session of a stopping runtime: nothing left to release
        } finally {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // the framework is already stopping
            }
        }
    }
}
