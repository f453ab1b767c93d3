package io.dropclass.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads, overrides, validates and writes {@link ExperimentConfig}s.
 *
 * <p>Resolution order: the defaults, then the file (JSON, or YAML for {@code .yaml}/{@code .yml}),
 * then each {@code key=value} override in order. Keys are snake_case and dotted by section
 * ({@code train.batch_size=4}). A key that the defaults do not have is rejected, as is a value of
 * the wrong type or out of range; every message names the key.
 */
public final class ConfigFiles {

    // choices are enums, written and read as their lower-case names (method.name=dropclass)
    private static final ObjectMapper JSON = configure(JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
    private static final ObjectMapper YAML = configure(YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());

    private ConfigFiles() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule().addSerializer(new LowerCaseEnums()));
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Resolves a configuration.
     *
     * @param base the configuration to start from (usually {@link ExperimentConfig#defaults()})
     * @param file a JSON or YAML file, or null
     * @param overrides {@code key=value} pairs applied after the file
     * @return the validated configuration
     * @throws ConfigException if a key or value is not acceptable
     * @throws IOException if the file cannot be read or parsed (the message names the file)
     */
    public static ExperimentConfig resolve(
            ExperimentConfig base, Path file, List<String> overrides) throws IOException {
        ObjectNode tree = JSON.valueToTree(base);
        if (file != null) {
            ConfigTree.merge(tree, read(file), "");
        }
        for (String override : overrides) {
            ConfigTree.override(tree, override);
        }
        return bind(tree);
    }

    /**
     * Resolves a configuration from the JSON text of a {@code config.json} (as {@link #toJson}
     * writes it) over the defaults: the way a run's configuration travels to a child JVM or a
     * cluster executor.
     *
     * @param json the JSON text
     * @return the validated configuration
     * @throws IOException if the text is not valid JSON
     */
    public static ExperimentConfig fromJson(String json) throws IOException {
        ObjectNode tree = JSON.valueToTree(ExperimentConfig.defaults());
        ConfigTree.merge(tree, JSON.readTree(json), "");
        return bind(tree);
    }

    /**
     * Resolves a configuration shipped inside the application (a JSON resource) over the defaults.
     *
     * @param resource the class-path resource, e.g. {@code experiments/x.json}
     * @return the validated configuration
     * @throws IOException if the resource is missing or not valid JSON
     */
    public static ExperimentConfig fromResource(String resource) throws IOException {
        try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("configuration " + resource
                        + " is missing from the application");
            }
            ObjectNode tree = JSON.valueToTree(ExperimentConfig.defaults());
            ConfigTree.merge(tree, JSON.readTree(in), "");
            return bind(tree);
        }
    }

    /**
     * Reads a configuration file into a tree, without validating its keys.
     *
     * @param file a {@code .json}, {@code .yaml} or {@code .yml} file
     * @return the top-level object
     * @throws IOException if the file is missing, unreadable or not a JSON/YAML object
     */
    static ObjectNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("config file " + file
                    + ": no such file; check the --config path");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        if (lower.endsWith(".json")) {
            mapper = JSON;
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            mapper = YAML;
        } else {
            throw new IOException("config file " + file
                    + ": unknown file type; use a .json, .yaml or .yml file");
        }
        JsonNode node;
        try {
            node = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("config file " + file + ": not valid "
                    + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("")
                    + location(e) + "; fix the syntax there", e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException("config file " + file + ": the top level is not an object;"
                    + " write sections of keys, e.g. {\"train\": {\"iterations\": 200}}");
        }
        return (ObjectNode) node;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static ExperimentConfig bind(ObjectNode tree) {
        try {
            return JSON.treeToValue(tree, ExperimentConfig.class);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ConfigException ce) {
                throw new ConfigException(dotted(e.getPath(), ce.key()), problem(ce));
            }
            throw new ConfigException(dotted(e.getPath(), null), e.getOriginalMessage()
                    + "; check the value against docs/configuration.md");
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw new ConfigException(dotted(e.getPath(), null), "got '" + e.getValue()
                        + "'; use one of " + String.join(", ", choices(e.getTargetType())));
            }
            throw new ConfigException(dotted(e.getPath(), null), "has the wrong type ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "); give "
                    + expected(e));
        } catch (JsonMappingException e) {
            String jackson = e.getOriginalMessage().lines().findFirst().orElse("")
                    .replaceFirst(" \\(but might if .*$", "");
            throw new ConfigException(dotted(e.getPath(), null), "has the wrong type ("
                    + jackson + "); give " + expected(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException("(root)", e.getOriginalMessage()
                    + "; check the file against docs/configuration.md");
        }
    }

    /**
     * The values a configuration choice takes: the enum's constants in lower case.
     *
     * @param type an enum type
     * @return the names, in declaration order
     */
    public static List<String> choices(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Writes every enum as its lower-case name, the form the configuration reads. */
    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnums extends StdSerializer<Enum> {
        LowerCaseEnums() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    /** What a value of the mismatched key's type looks like, for the fix of a type error. */
    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == int.class || type == Integer.class || type == long.class
                || type == Long.class) {
            return "an integer, e.g. 200";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number, e.g. 0.01";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string in quotes";
        }
        if (type != null && List.class.isAssignableFrom(type)) {
            return "a list, e.g. [0.75, 1.0, 1.25]";
        }
        return "a value of the type its default has (dropclass train --help lists the keys)";
    }

    private static String problem(ConfigException e) {
        String prefix = "config key '" + e.key() + "': ";
        return e.getMessage().startsWith(prefix)
                ? e.getMessage().substring(prefix.length())
                : e.getMessage();
    }

    private static String dotted(List<JsonMappingException.Reference> path, String leaf) {
        String head = path.stream()
                .map(JsonMappingException.Reference::getFieldName)
                .filter(n -> n != null)
                .collect(Collectors.joining("."));
        if (leaf == null) {
            return head.isEmpty() ? "(root)" : head;
        }
        return head.isEmpty() ? leaf : head + "." + leaf;
    }

    /**
     * Writes the resolved configuration as JSON, with every key present.
     *
     * @param config the configuration
     * @return the JSON text
     */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON.writeValueAsString(config) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the configuration", e);
        }
    }
}
