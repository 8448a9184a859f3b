package org.jnrf.uima;

import java.io.IOException;
import java.io.InputStream;

import org.apache.uima.resource.DataResource;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.SharedResourceObject;
import org.jnrf.model.JnrfModel;

/**
 * The JNRF model as a UIMA shared resource: bound once in an aggregate or CPE descriptor, loaded once, and shared
 * by every annotator instance and processing thread ({@link JnrfModel} is thread-safe).
 */
public final class JnrfModelResource implements SharedResourceObject {
    private volatile JnrfModel model;

    @Override
    public void load(DataResource data) throws ResourceInitializationException {
        try (InputStream in = data.getInputStream()) {
            model = JnrfModel.load(in);
        } catch (IOException | RuntimeException e) {
            throw new ResourceInitializationException(new IOException(
                    "cannot load JNRF model from " + data.getUri() + ": " + e.getMessage(), e));
        }
    }

    public JnrfModel getModel() {
        return model;
    }
}
