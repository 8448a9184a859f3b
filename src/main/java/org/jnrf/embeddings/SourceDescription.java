package org.jnrf.embeddings;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jnrf.text.HuggingFaceVocabulary;
import org.jnrf.text.OnnxTensorReader.FloatTensor;

/** The SOURCE.md written beside imported embeddings: where they came from, under which licence, how to use them. */
final class SourceDescription {
    private SourceDescription() {
    }

    /** Quotes the README shipped beside the model, if any. */
    static void appendReadme(StringBuilder md, ModelSource source) throws IOException {
        Optional<String> readme = source.readme();
        if (readme.isPresent()) {
            md.append("\nREADME shipped with the model:\n\n");
            for (String line : readme.get().strip().split("\\R")) {
                md.append("> ").append(line).append('\n');
            }
        }
    }

    static String markdown(ModelSource source, FloatTensor table, HuggingFaceVocabulary hf) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Imported subword embeddings\n\n");
        md.append("Written by `jnrf import-embeddings` on ").append(LocalDate.now(ZoneOffset.UTC)).append(".\n\n");
        md.append("- `vocab.txt`: ").append(table.rows()).append(" WordPiece pieces, id = line index\n");
        md.append("- `embeddings.f32`: ").append(table.rows()).append(" x ").append(table.columns())
                .append(" little-endian float32, row-major, row i = line i of `vocab.txt`\n");
        md.append("- tensor `").append(table.name()).append("` of the ONNX model\n");
        md.append("- tokenizer: lowercase=").append(hf.basicTokenizer().lowerCase()).append(", strip accents=")
                .append(hf.basicTokenizer().stripAccents()).append(", max chars per word=")
                .append(hf.maxCharsPerWord()).append("\n\n");
        md.append("## Source\n\n");
        for (String line : source.provenance()) {
            md.append("- ").append(line).append('\n');
        }
        Optional<ModelSource.MavenArtifact> maven = source.mavenArtifact();
        md.append("\n## Licence\n\n");
        if (maven.isPresent()) {
            md.append("Maven artifact `").append(maven.get().coordinates()).append("`, declared licence: ")
                    .append(maven.get().licences().isEmpty() ? "none declared in its pom.xml"
                            : String.join("; ", maven.get().licences()))
                    .append(".\n");
        } else {
            md.append("Not recorded by the import: check the model card of the ONNX model before redistributing.\n");
        }
        md.append("The vectors are weights of the original model; its model card governs their use.\n");
        appendReadme(md, source);
        md.append("\n## Use\n\n```java\n")
                .append("Vocabulary vocabulary = EmbeddingDirectory.vocabulary(dir);\n")
                .append("WordPieceTokenizer tokenizer = new WordPieceTokenizer(vocabulary, new BasicTokenizer(")
                .append(hf.basicTokenizer().lowerCase()).append(", ").append(hf.basicTokenizer().stripAccents())
                .append("), ").append(hf.maxCharsPerWord()).append(");\n")
                .append("AlignedEmbeddings table = EmbeddingDirectory.embeddings(dir).alignTo(vocabulary, seed);\n")
                .append("```\n");
        return md.toString();
    }
}
