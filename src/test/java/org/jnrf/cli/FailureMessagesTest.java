package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.MalformedInputException;

import org.apache.uima.UIMAException;
import org.apache.uima.resource.ResourceInitializationException;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {
    @Test
    void uimaWrappersGiveWayToTheProblemTheyWrap() {
        Exception e = new UIMAException(new ResourceInitializationException(
                new IOException("m.zip!config.json: invalid configuration: layers 9 is beyond the limit of 8")));
        assertEquals("m.zip!config.json: invalid configuration: layers 9 is beyond the limit of 8",
                FailureMessages.oneLine(e));
    }

    @Test
    void anExceptionThatSaysMoreThanItsCauseIsKept() {
        assertEquals("notes/a.txt: not valid UTF-8", FailureMessages.oneLine(
                new IOException("notes/a.txt: not valid UTF-8", new MalformedInputException(1))));
        assertEquals("disk full", FailureMessages.oneLine(new RuntimeException(new IOException("disk full"))));
    }

    @Test
    void withoutAnyMessageTheKindOfFailureIsNamedOnOneLine() {
        assertEquals("NullPointerException", FailureMessages.oneLine(new NullPointerException()));
        assertEquals("a b", FailureMessages.oneLine(new IllegalStateException("a\n  b\n")));
    }
}
