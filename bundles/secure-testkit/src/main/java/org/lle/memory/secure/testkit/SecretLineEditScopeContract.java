package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.line.SecretLine;

/**
 * {@link SecretLine#openEditScope()}: edits inside a scope give exactly the bytes they give outside one (growth
 * included), only the opening thread may use the line meanwhile, scopes do not nest, and a stale scope cannot end
 * a later one.
 */
public abstract class SecretLineEditScopeContract extends SecretLineEditingContract {

    @Test
    void editsInsideAScopeMatchTheSameEditsOutsideOneAndGrowthKeepsTheScope() {
        SecretLine line = line();
        try (SecretLine.EditScope scope = line.openEditScope()) {
            for (int i = 0; i < 40; i++) {
                MIXED.codePoints().forEach(line::insert); // 10 bytes a round: grows past the first buffer
            }
            line.left();
            line.left();
            line.insert('x');
            line.deleteBefore();
            line.deleteAfter();
            line.home();
            line.deleteAfter();
        }
        List<Integer> model = new ArrayList<>(MIXED.repeat(40).codePoints().boxed().toList());
        model.remove(158); // the deleteAfter two places from the end
        model.remove(0); // the deleteAfter at home
        String expected = model.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
        assertLine(line, expected, 0);
        line.end();
        line.insert('z'); // after the scope: one checked call per byte again
        assertLine(line, expected + "z", model.size() + 1);
    }

    @Test
    void anotherThreadCannotUseTheLineWhileAScopeIsOpenAndNothingChanges() throws Exception {
        SecretLine line = lineOf("secret");
        try (SecretLine.EditScope scope = line.openEditScope()) {
            Throwable refused = CompletableFuture.supplyAsync(() -> {
                try {
                    line.insert('!');
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }).get(20, TimeUnit.SECONDS);
            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("edit scope");
            line.insert('?');
        }
        assertLine(line, "secret?", 7);
    }

    @Test
    void scopesDoNotNestAndAStaleScopeCannotEndALaterOne() {
        SecretLine line = lineOf("ab");
        SecretLine.EditScope first = line.openEditScope();
        assertThatThrownBy(line::openEditScope).isInstanceOf(IllegalStateException.class).hasMessageContaining("nest");
        first.close();
        SecretLine.EditScope second = line.openEditScope();
        first.close(); // stale: must leave the second open
        assertThatThrownBy(line::openEditScope).isInstanceOf(IllegalStateException.class);
        second.close();
        second.close(); // idempotent
        try (SecretLine.EditScope third = line.openEditScope()) {
            line.insert('c');
        }
        assertLine(line, "abc", 3);
    }

    @Test
    void closingTheLineOnTheScopesThreadEndsTheScopeAndWipes() {
        SecretLine line = lineOf("gone");
        SecretLine.EditScope scope = line.openEditScope();
        line.close();
        assertThat(line.isClosed()).isTrue();
        scope.close();
        assertThatThrownBy(() -> line.insert('x')).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(line::openEditScope).isInstanceOf(IllegalStateException.class);
    }
}
