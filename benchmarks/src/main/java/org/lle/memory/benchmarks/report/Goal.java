package org.lle.memory.benchmarks.report;

/**
 * One acceptance goal of issue 5 and how this run did.
 *
 * @param name what is compared
 * @param measured the numbers behind the verdict
 * @param target the bound
 * @param status the verdict
 */
record Goal(String name, String measured, String target, Status status) {

    enum Status {
        MET("met"), MISSED("**missed**"), NOT_MEASURED("not measured"), INFO("reported");

        final String text;

        Status(String text) {
            this.text = text;
        }
    }

    static Goal atMost(String name, double value, double bound, String measured, String target) {
        if (Double.isNaN(value)) {
            return new Goal(name, measured, target, Status.NOT_MEASURED);
        }
        return new Goal(name, measured, target, value <= bound ? Status.MET : Status.MISSED);
    }

    static Goal notMeasured(String name, String why, String target) {
        return new Goal(name, why, target, Status.NOT_MEASURED);
    }
}
