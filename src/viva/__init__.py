"""viva: an offline interview coach for backend developers."""

import os

# The sentence model multiplies small matrices (a few dozen tokens by 384): one BLAS thread
# is as fast as two and far faster on a busy machine, where threads wait on each other.
# Set before NumPy loads; a value the user chose is kept.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
