package dev.redismigrate.core.usecase.cloud;

/** The payload of most steps: which task ({@code {"taskId": "..."}}); the task itself is read from the store. */
public record TaskRef(String taskId) {
}
