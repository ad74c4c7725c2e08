package org.lle.memory.pool.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Config Admin configuration of the pool service, PID {@value PoolSystemComponent#PID}. */
@ObjectClassDefinition(id = PoolSystemComponent.PID, name = "LLE memory pools",
        description = "Typed memory pools: size classes, budgets, strategy, selection and leak detection."
                + " A change is applied to the running service without losing blocks already handed out.")
public @interface PoolSystemConfiguration {

    @AttributeDefinition(name = "Size classes", description = "One entry per pool type to change, as"
            + " TYPE=size,size,... in bytes, strictly ascending (e.g. BUFFER=64,512,4096); TYPE may be *"
            + " for every type. Types not named keep powers of two from 16 to 16384.")
    String[] sizeClasses() default {};

    @AttributeDefinition(name = "Type budgets", description = "One entry per pool type to change, as TYPE=bytes"
            + " (e.g. HISTORY=8388608); TYPE may be *. Default 64 MiB per type. The budgets are the only limit:"
            + " pools grow on demand up to them and hand back memory that stays unused.")
    String[] typeBudgets() default {};

    @AttributeDefinition(name = "Total budget", description = "Bytes all types together may hold.", min = "1")
    long totalBudgetBytes() default 256L << 20;

    @AttributeDefinition(name = "Emergency reserve", description = "Bytes outside the budgets, used by"
            + " EMERGENCY_ONLY and by AUTOMATIC when a type's budget is spent.", min = "0")
    long emergencyReserveBytes() default 1L << 20;

    @AttributeDefinition(name = "Blocks per pool", description = "A soft limit, not a cap: the blocks one pool"
            + " holds before the selection turns to the other pools of its size class; once all hold that many"
            + " they grow on, up to the budget.", min = "1")
    int blocksPerPool() default 1024;

    @AttributeDefinition(name = "Pools per size class", description = "Pools the selection chooses among;"
            + " more pools, less contention between threads refilling their caches at once.", min = "1", max = "64")
    int poolsPerClass() default 2;

    @AttributeDefinition(name = "Default strategy", options = {
            @Option(label = "Primary only", value = "PRIMARY_ONLY"),
            @Option(label = "Secondary fallback", value = "SECONDARY_FALLBACK"),
            @Option(label = "Emergency only", value = "EMERGENCY_ONLY"),
            @Option(label = "Automatic", value = "AUTOMATIC") })
    String defaultStrategy() default "AUTOMATIC";

    @AttributeDefinition(name = "Pool selection", options = {
            @Option(label = "Round robin", value = "ROUND_ROBIN"),
            @Option(label = "Least used", value = "LEAST_USED"),
            @Option(label = "Best fit", value = "BEST_FIT"),
            @Option(label = "First fit", value = "FIRST_FIT") })
    String selection() default "BEST_FIT";

    @AttributeDefinition(name = "Leak detection", options = {
            @Option(label = "Disabled", value = "DISABLED"),
            @Option(label = "Simple (sampled)", value = "SIMPLE"),
            @Option(label = "Advanced (sampled, allocation sites)", value = "ADVANCED"),
            @Option(label = "Paranoid (every block, allocation sites)", value = "PARANOID") })
    String leakDetection() default "SIMPLE";

    @AttributeDefinition(name = "Thread cache size", description = "Free blocks each platform thread keeps per"
            + " size class, at most 64 KiB of them (0 turns caching off); virtual threads keep none.", min = "0",
            max = "4096")
    int threadCacheSize() default 256;
}
