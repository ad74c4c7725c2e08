package org.lle.memory.secure.posix.internal.osgi;

import org.lle.memory.secure.posix.internal.PosixSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The POSIX provider's configuration (PID {@code org.lle.memory.secure.posix}); see {@link PosixSettings}.
 * Config Admin does not enforce these types and ranges: {@link ConfigurationCheck} does.
 */
@ObjectClassDefinition(name = "LLE secure memory: POSIX provider",
        description = "Locked, guarded, non-dumpable secure memory on Linux through JNA.")
public @interface PosixConfiguration {

    @AttributeDefinition(name = "Strict", description = "Throw from allocate when memory cannot be locked, or "
            + "(with memfd_secret on) cannot be memfd_secret memory, instead of handing out less protected "
            + "buffers and reporting degraded.")
    boolean strict() default false;

    @AttributeDefinition(name = "memfd_secret", description = "Take arena chunks from memfd_secret(2) when the "
            + "kernel allows it (hides them from the kernel's direct map; blocks hibernation while any exist).")
    boolean memfdSecret() default false;

    @AttributeDefinition(name = "Chunk size", description = "Bytes of data per arena chunk (rounded up to pages).",
            min = "16384", max = "67108864")
    int chunkSize() default PosixSettings.DEFAULT_CHUNK_SIZE;

    @AttributeDefinition(name = "Disabled", description = "Do not register the POSIX provider (the framework "
            + "property lle.secure.posix.disabled=true does the same).")
    boolean disabled() default false;
}
