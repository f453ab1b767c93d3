package io.dropclass.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges user trees and {@code key=value} overrides into the tree of a complete configuration. The
 * complete tree defines which keys exist and the type of each value.
 */
final class ConfigTree {

    private ConfigTree() {}

    /** Copies every key of {@code user} into {@code target}, which must already have it. */
    static void merge(ObjectNode target, JsonNode user, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing == null) {
                throw new ConfigException(key,
                        "unknown key; use one of the keys known here: " + keys(target));
            }
            if (existing.isObject()) {
                if (!field.getValue().isObject()) {
                    throw new ConfigException(key, "is a section; give an object of its keys ("
                            + keys(existing) + ")");
                }
                merge((ObjectNode) existing, field.getValue(), key + ".");
            } else if (existing.isArray()) {
                if (!field.getValue().isArray()) {
                    throw new ConfigException(key,
                            "expects a list; give one, e.g. [0.75, 1.0, 1.25]");
                }
                target.set(field.getKey(), field.getValue());
            } else {
                if (field.getValue().isContainerNode()) {
                    throw new ConfigException(key, "expects a single value, got "
                            + field.getValue().getNodeType().toString().toLowerCase()
                            + "; give one number, string or boolean");
                }
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** Applies one {@code a.b=value} override, typed by the existing value at that key. */
    static void override(ObjectNode root, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(assignment, "not an override; write it as key=value "
                    + "(for example train.iterations=200)");
        }
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        String[] parts = key.split("\\.", -1);
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw new ConfigException(key,
                        "unknown key; use one of the sections and keys known here: "
                        + keys(parent));
            }
            parent = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        JsonNode existing = parent.get(leaf);
        if (existing == null) {
            throw new ConfigException(key,
                    "unknown key; use one of the keys known here: " + keys(parent));
        }
        parent.set(leaf, parse(key, existing, value));
    }

    private static JsonNode parse(String key, JsonNode existing, String value) {
        if (existing.isObject()) {
            throw new ConfigException(key, "is a section; set one of its keys: " + keys(existing));
        }
        if (existing.isArray()) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (String item : value.split(",")) {
                try {
                    list.add(Double.parseDouble(item.trim()));
                } catch (NumberFormatException e) {
                    throw new ConfigException(key, "got '" + value
                            + "'; give comma-separated numbers, e.g. 0.75,1.0,1.25");
                }
            }
            return list;
        }
        if (existing.isBoolean()) {
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(key, "got '" + value + "'; give true or false");
            }
            return BooleanNode.valueOf(Boolean.parseBoolean(value));
        }
        try {
            if (existing.isIntegralNumber()) {
                return LongNode.valueOf(Long.parseLong(value));
            }
            if (existing.isNumber()) {
                return DoubleNode.valueOf(Double.parseDouble(value));
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "got '" + value + "'; give "
                    + (existing.isIntegralNumber() ? "an integer" : "a number"));
        }
        return TextNode.valueOf(value);
    }

    private static String keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
