package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.resource.ResourceManager;
import org.apache.uima.resource.metadata.impl.Import_impl;
import org.apache.uima.util.XMLInputSource;
import org.junit.jupiter.api.Test;

/**
 * {@code desc/} ships in the jar as {@code org/jnrf/desc/} (the build copies it into the classes after generating
 * it), so a library user imports the descriptors by name.
 */
class PackagedDescriptorsTest {
    @Test
    void theAggregateIsImportableByNameFromTheClasspathAndIsTheGeneratedOne() throws Exception {
        Import_impl byName = new Import_impl();
        byName.setName("org.jnrf.desc.JnrfAnnotateAggregate");
        ResourceManager resources = UIMAFramework.newDefaultResourceManager();
        java.net.URL url = byName.findAbsoluteUrl(resources);
        assertNotNull(url);
        AnalysisEngineDescription aggregate = UIMAFramework.getXMLParser()
                .parseAnalysisEngineDescription(new XMLInputSource(url));
        aggregate.resolveImports(resources);
        assertEquals(Files.readString(Path.of("desc", DescriptorGenerator.AGGREGATE_FILE)),
                new String(url.openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertNotNull(aggregate.getDelegateAnalysisEngineSpecifiers().get("JnrfAnnotator"),
                aggregate.getDelegateAnalysisEngineSpecifiers().keySet().toString());
    }
}
