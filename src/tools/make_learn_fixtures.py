"""Writes src/test/resources/learn/mlp.onnx: a three-layer perceptron (16 → 12 → 10 → 4, ReLU between) whose
hidden Gemm layers can lose neurons, for the Learn view's neuron-pruning test (a row of one Gemm, a column of the
next). Seeded; run from the repository root: python3 src/tools/make_learn_fixtures.py"""
import torch

torch.manual_seed(12)
model = torch.nn.Sequential(torch.nn.Linear(16, 12), torch.nn.ReLU(), torch.nn.Linear(12, 10), torch.nn.ReLU(),
                            torch.nn.Linear(10, 4)).eval()
torch.onnx.export(model, torch.randn(1, 16), "src/test/resources/learn/mlp.onnx", input_names=["input"],
                  output_names=["logits"], opset_version=13)
