package org.jnrf.uima;

import java.io.IOException;
import java.util.Map;

import org.apache.uima.fit.component.Resource_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.ResourceSpecifier;
import org.jnrf.model.JnrfModel;

/**
 * The JNRF model as a UIMA shared resource: bound once in an aggregate or CPE descriptor, loaded once, and shared
 * by every annotator instance and processing thread ({@link JnrfModel} is thread-safe).
 *
 * <p>The model is named by the parameter {@link #PARAM_MODEL_LOCATION} and resolved by {@link ModelLocation}, not
 * bound as a UIMA file resource: UIMA opens a file resource's URL itself (network URLs included) before any JNRF
 * code could refuse it.
 */
public final class JnrfModelResource extends Resource_ImplBase {
    /** Model zip: a file path, {@code classpath:...} or a {@code file:}/{@code jar:} URL of a local file. */
    public static final String PARAM_MODEL_LOCATION = "modelLocation";
    @ConfigurationParameter(name = PARAM_MODEL_LOCATION, mandatory = true, defaultValue = ModelLocation.DEFAULT)
    private String modelLocation;

    private volatile JnrfModel model;

    @Override
    public boolean initialize(ResourceSpecifier specifier, Map<String, Object> additionalParams)
            throws ResourceInitializationException {
        if (!super.initialize(specifier, additionalParams)) {
            return false;
        }
        try {
            model = new ModelLocation(modelLocation).load();
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        return true;
    }

    public JnrfModel getModel() {
        return model;
    }
}
