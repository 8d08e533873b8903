package dev.redismigrate.core.store;

import dev.redismigrate.core.task.TaskStore;
import java.util.stream.Stream;

class InMemoryTaskStoreTest extends TaskStoreContract {
    @Override
    protected TaskStore newStore() {
        return new InMemoryTaskStore();
    }

    @Override
    protected Stream<String> persistedText() {
        // Nothing is persisted; the JSON it would print is what must not hold the password.
        return store.list().stream().map(TaskJson::write);
    }
}
