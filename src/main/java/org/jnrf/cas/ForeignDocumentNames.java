package org.jnrf.cas;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.io.FilenameUtils;
import org.apache.commons.lang3.StringUtils;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Feature;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.cas.Type;

/**
 * The name that other frameworks' readers gave a document, for CASes that have no {@code SourceDocument} of ours.
 * Their types are looked up by name in the CAS's type system, so neither DKPro Core nor cTAKES is a dependency: a
 * pipeline that uses their readers has them on its classpath. Tried in this order: DKPro Core's
 * {@code DocumentMetaData}, cTAKES' {@code DocumentID} (with {@code DocumentIdPrefix} and {@code DocumentPath}), UIMA's
 * {@code SourceDocumentInformation}.
 */
final class ForeignDocumentNames {
    static final String DKPRO_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData";
    static final String CTAKES_ID = "org.apache.ctakes.typesystem.type.structured.DocumentID";
    static final String CTAKES_ID_PREFIX = "org.apache.ctakes.typesystem.type.structured.DocumentIdPrefix";
    static final String CTAKES_PATH = "org.apache.ctakes.typesystem.type.structured.DocumentPath";
    static final String UIMA_SOURCE_INFORMATION = "org.apache.uima.examples.SourceDocumentInformation";

    private ForeignDocumentNames() {
    }

    /** The first of the frameworks' names that the CAS has. */
    static Optional<DocumentName> of(CAS cas) {
        return Stream.<Function<CAS, DocumentName>>of(ForeignDocumentNames::dkpro, ForeignDocumentNames::ctakes,
                        ForeignDocumentNames::sourceDocumentInformation)
                .map(source -> source.apply(cas)).filter(DocumentName::isKnown).findFirst();
    }

    /**
     * DKPro Core: the path is the document URI below the base URI without extension (DKPro's readers set both, and its
     * writers name outputs the same way), else the documentId as it is; the id is DKPro's documentId.
     */
    static DocumentName dkpro(CAS cas) {
        String id = stringFeature(cas, DKPRO_METADATA, "documentId");
        String uri = stringFeature(cas, DKPRO_METADATA, "documentUri");
        String below = pathBelow(stringFeature(cas, DKPRO_METADATA, "documentBaseUri"), uri);
        String relativePath = below != null ? FilenameUtils.removeExtension(below)
                : id != null ? id : baseName(uriPath(uri));
        return new DocumentName(id != null ? id : relativePath, relativePath);
    }

    /**
     * cTAKES: the documentID (the file name without extension, for its file readers) in the sub-folder named by the
     * DocumentIdPrefix, as cTAKES' writers place outputs; without a documentID, the file name of the DocumentPath.
     */
    static DocumentName ctakes(CAS cas) {
        String id = stringFeature(cas, CTAKES_ID, "documentID");
        if (id == null) {
            id = baseName(stringFeature(cas, CTAKES_PATH, "documentPath"));
        }
        if (id == null) {
            return new DocumentName(null, null);
        }
        String folder = StringUtils.strip(FilenameUtils.separatorsToUnix(stringFeature(cas, CTAKES_ID_PREFIX,
                "documentIdPrefix")), "/");
        return new DocumentName(id, folder == null || folder.isEmpty() ? id : folder + "/" + id);
    }

    /** UIMA's example readers: the file name of the source URI without extension (the URI names no collection root). */
    static DocumentName sourceDocumentInformation(CAS cas) {
        String name = baseName(uriPath(stringFeature(cas, UIMA_SOURCE_INFORMATION, "uri")));
        return new DocumentName(name, name);
    }

    /**
     * The value of a feature of the first indexed feature structure of a type; null when any of them is missing or the
     * value is blank.
     */
    static String stringFeature(CAS cas, String typeName, String featureName) {
        Type type = cas.getTypeSystem().getType(typeName);
        Feature feature = type == null ? null : type.getFeatureByBaseName(featureName);
        if (feature == null) {
            return null;
        }
        FeatureStructure first = cas.select(type).findFirst().orElse(null);
        return first == null ? null : StringUtils.defaultIfBlank(first.getFeatureValueAsString(feature), null);
    }

    /** The decoded path of {@code uri} below {@code base}, without a leading '/'; null when it is not below it. */
    private static String pathBelow(String base, String uri) {
        if (base == null || uri == null) {
            return null;
        }
        try {
            URI document = new URI(uri);
            URI relative = new URI(base).relativize(document);
            if (relative == document || relative.isAbsolute() || relative.getPath() == null) {
                return null;
            }
            String path = StringUtils.strip(relative.getPath(), "/");
            return path.isEmpty() ? null : path;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The decoded path of a hierarchical URI; null when there is none. */
    private static String uriPath(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            return new URI(uri).getPath();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The file name of a path ('/' or '\' separated) without extension; null for none. */
    private static String baseName(String path) {
        return path == null ? null : StringUtils.defaultIfBlank(FilenameUtils.getBaseName(path), null);
    }
}
