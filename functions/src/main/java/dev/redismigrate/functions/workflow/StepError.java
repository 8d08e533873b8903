package dev.redismigrate.functions.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An error as a Catch records it: {@code {"Error": "...", "Cause": "..."}}. */
public record StepError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
}
