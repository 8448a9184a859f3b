"""Times the JNRF authors' PyTorch network (ds4dh/JNRF, MIT) the way `./jnrf bench` times ours, for side-by-side runs.

Usage: python reference_bench.py JNRF_CHECKOUT [--threads 2] [--lengths 512,2048,8192] [--runs 3]

Reads scr/JNRF.py and scr/loss.py from a checkout of https://github.com/ds4dh/JNRF (nothing of it is copied here) and
builds their JFNR with the reference configuration (hidden 768, 6 FNet layers, FF x3, NER and RE MLPs of 3 layers as
in configs/training_config.json, 9 relation classes, 30,000 x 768 frozen embeddings). Their pooling picks the tokens
whose argmax tag is an entity; here it is replaced by fixed positions at the same densities as `./jnrf bench`
(a Drug every 1/0.03 tokens, a modifier every 1/0.08 tokens), so that both time a trained model's relation head.
Train = forward, their joint loss, backward, their value clipping, Adam step; inference = forward under no_grad.
Prints medians after one warm-up run, then the peak RSS.
"""
import argparse
import math
import os
import resource
import statistics
import time

import torch
from torch import nn


def load_reference(checkout):
    """Executes the authors' model and loss definitions (not their training script, which needs tensorboard)."""
    source = open(os.path.join(checkout, "scr", "JNRF.py")).read()
    source = source[source.index("class Mlp"):source.index("def one_train")]
    namespace = {"torch": torch, "nn": nn, "math": math}
    exec(source, namespace)
    exec(open(os.path.join(checkout, "scr", "loss.py")).read(), namespace)
    return namespace["JFNR"], namespace["JointNerReLoss"]


def fixed_positions(length, density, offset):
    return torch.tensor(sorted({int(i / density) + offset for i in range(int(length * density))
                                if int(i / density) + offset < length}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkout")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--lengths", default="512,2048,8192")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entity-density", type=float, default=0.08)
    parser.add_argument("--drug-density", type=float, default=0.03)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model_class, loss_class = load_reference(args.checkout)

    def pool_id(embs, logits, ids):
        length = logits.shape[0]
        pos = fixed_positions(length, args.drug_density, 0) if ids == [1] \
            else fixed_positions(length, args.entity_density, 1)
        return embs[:, pos], pos

    model_class.pool_id = staticmethod(pool_id)
    vocabulary, hidden = 30000, 768
    embeddings = "/tmp/jnrf-reference-embeddings.pt"
    torch.save(nn.Parameter(torch.randn(vocabulary, hidden)), embeddings)
    model = model_class(NER_dimension=19, RE_dimension=9, drug_id=[1], entity_id=[2],
                        pretrained_embeddings_path=embeddings, embedding_dropout=0, hidden_dimension=hidden,
                        fnet_num_layers=6, fnet_dropout=0, fnet_expansion_factor=3, ff_num_layers_ner=3,
                        ff_num_layers_re=3, freeze_embeddings=True)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=3e-4)
    criterion = loss_class()
    print(f"# torch {torch.__version__} threads={args.threads}")
    for length in [int(x) for x in args.lengths.split(",")]:
        x = torch.randint(0, vocabulary, (1, length))
        tags = torch.randint(0, 19, (length,))
        relations = torch.randint(0, 9, (length, length))
        times = []
        model.train()
        for i in range(args.runs + 1):
            start = time.time()
            ner, re_scores, ids = model(x)
            loss, _, _ = criterion(ner, tags, re_scores, relations, ids)
            loss.backward()
            nn.utils.clip_grad_value_(model.parameters(), 5e-5)
            optimizer.step()
            optimizer.zero_grad()
            if i:
                times.append(time.time() - start)
        median = statistics.median(times)
        print(f"L={length} train_s_per_doc={median:.3f} tokens_per_s={length / median:.0f}", flush=True)
        times = []
        model.eval()
        with torch.no_grad():
            for i in range(args.runs + 1):
                start = time.time()
                model(x)
                if i:
                    times.append(time.time() - start)
        median = statistics.median(times)
        print(f"L={length} infer_s_per_doc={median:.3f} tokens_per_s={length / median:.0f}", flush=True)
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")


if __name__ == "__main__":
    main()
