package io.jrpcx.internal.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyTextTest {

    /** Expected values recorded from Python's repr(float(text)). */
    @ParameterizedTest
    @CsvSource({
        "1.5, 1.5", "1e5, 100000.0", "1e16, 1e+16", "1e15, 1000000000000000.0", "0.0001, 0.0001",
        "0.00001, 1e-05", "1e-7, 1e-07", "123456789.123, 123456789.123",
        "1.7976931348623157e308, 1.7976931348623157e+308", "0.1, 0.1", "100.0, 100.0",
        "1e400, inf", "-2.5e-10, -2.5e-10", "12345678901234567.0, 1.2345678901234568e+16"})
    void floatsAsPythonShowsThem(String json, String python) throws Exception {
        assertThat(PyText.str(Json.mapper().readTree(json))).isEqualTo(python);
    }

    @Test
    void containersAndStrings() throws Exception {
        assertThat(PyText.str(Json.mapper().readTree("{\"a\":[1,null,true,false,\"it's\",\"q\\\"\",\"x\\ny\"]}")))
                .isEqualTo("{'a': [1, None, True, False, \"it's\", 'q\"', 'x\\ny']}");
        assertThat(PyText.str(Json.mapper().readTree("\"top\""))).isEqualTo("top");
        assertThat(PyText.repr(Json.mapper().readTree("\"top\""))).isEqualTo("'top'");
        assertThat(PyText.str(Json.mapper().readTree("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }
}
