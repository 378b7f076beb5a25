package io.jrpcx.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The examples' Jackson mapper: {@code java.time} values as ISO-8601 text. */
public final class Mappers {
    private Mappers() {
    }

    /** A mapper that writes {@code Instant.parse("2030-01-01T00:00:00Z")} as {@code "2030-01-01T00:00:00Z"}. */
    public static ObjectMapper withJavaTime() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
