package org.lle.memory.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads JMH's {@code -rf json} result file: an array with one object per benchmark and parameter set. */
final class JmhJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhJson() {
    }

    /** @throws IllegalArgumentException when the text is not JSON or not an array of rows */
    static JsonNode rows(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JMH JSON result file: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not a JMH JSON result file: expected an array of rows");
        }
        return root;
    }

    /** JMH writes a score it could not compute as the string "NaN"; a missing value reads as NaN too. */
    static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isMissingNode() || node.isNull() ? Double.NaN : Double.parseDouble(node.asText());
    }
}
