/*
 * mlp.h - the whole public API of libmlp: multilayer perceptrons with
 * hand-derived backpropagation.
 *
 * A sentence-sized tour:
 *
 *     mlp_net *net;
 *     int sizes[] = {784, 300, 10};
 *     mlp_act acts[] = {MLP_SIGMOID};
 *     mlp_new(&net, 2, sizes, acts, MLP_CE);       // build
 *     mlp_init_params(net, w_init, b_init, &rng);  // initialise
 *     mlp_train(net, &train, &test, &opts);        // train
 *     mlp_run(net, x, 1, probs);                   // use
 *     mlp_save(net, "model.mlp");                  // keep
 *     mlp_free(net);
 *
 * Conventions
 *  - Every call that can fail returns an mlp_status; MLP_OK is 0. On failure
 *    mlp_errmsg() gives a one-line message for the calling thread. Status
 *    values equal the exit codes of the `mlp` command (sysexits.h).
 *  - Tensors are flat row-major arrays of mlp_real, batch first. A dense layer
 *    computes y = x W^T + b with W of shape out x in, as PyTorch's Linear.
 *  - The scalar type is a compile-time choice: float by default, double when
 *    the library and its users are compiled with -DMLP_DOUBLE.
 *  - Whoever calls *_new owns the object and frees it with the matching *_free.
 */
#ifndef MLP_H
#define MLP_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MLP_VERSION "0.1.0"

#ifdef MLP_DOUBLE
typedef double mlp_real;
#else
typedef float mlp_real;
#endif

/* ---- status and errors ------------------------------------------------ */

typedef enum {
    MLP_OK = 0,
    MLP_EDIVERGED = 1,  /* training failed: the loss became NaN or infinite */
    MLP_EUSAGE = 2,     /* bad argument or option */
    MLP_EDATA = 65,     /* input data is malformed */
    MLP_ENOINPUT = 66,  /* an input file is missing or unreadable */
    MLP_ENOMEM = 71,    /* out of memory */
    MLP_ECANTCREAT = 73,/* an output file cannot be created */
    MLP_EIO = 74,       /* read or write error */
    MLP_EINTR = 130     /* interrupted (SIGINT): stopped after a whole step */
} mlp_status;

/* The message of the last failed call made by this thread ("" if none). */
const char *mlp_errmsg(void);
/* The library version string, MLP_VERSION of the built library. */
const char *mlp_version(void);
/* Whether this library was built with double precision (1) or float (0). */
int mlp_is_double(void);

/* ---- speed ---------------------------------------------------------------- */

/* Threads for the products of workspaces made from now on (mlp_work_new,
 * mlp_train, mlp_evaluate, mlp_run): n >= 1, or 0 for the default, every
 * core (OMP_NUM_THREADS when set). Results do not depend on the count: work
 * is split by whole output blocks. A library built without OpenMP runs on
 * one thread whatever is asked. Fails with MLP_EUSAGE outside 0..1024. */
mlp_status  mlp_set_threads(int n);
int         mlp_threads(void);
/* The kernels in use: "avx512", "avx2" or "portable" (chosen for the CPU;
 * the environment variable MLP_KERNELS=portable|avx2 asks for a lesser one). */
const char *mlp_kernels_name(void);
/* GFLOP/s of a loop of nothing but independent multiply-adds in the
 * kernels' vector width on `threads` threads (0: mlp_threads()): the roof
 * the products are measured against. Takes about a second. */
double      mlp_fma_peak(int threads);

/* ---- random numbers ----------------------------------------------------- */

/* xoshiro256** seeded through splitmix64 (docs/MATH.md, "Randomness").
 * Everything random in libmlp draws from an mlp_rng, so one seed (and one
 * thread count) gives bit-identical results. */
typedef struct { uint64_t s[4]; } mlp_rng;

void     mlp_rng_seed(mlp_rng *r, uint64_t seed);
uint64_t mlp_rng_next(mlp_rng *r);
double   mlp_rng_uniform(mlp_rng *r);           /* [0, 1), 53 bits */
double   mlp_rng_normal(mlp_rng *r);            /* N(0, 1), Box-Muller */
uint64_t mlp_rng_below(mlp_rng *r, uint64_t n); /* uniform in [0, n), unbiased */
void     mlp_rng_shuffle(mlp_rng *r, int32_t *a, int32_t n); /* Fisher-Yates */

/* ---- network ------------------------------------------------------------ */

typedef enum {
    MLP_SIGMOID, MLP_TANH, MLP_RELU, MLP_LEAKY_RELU, MLP_IDENTITY,
    MLP_STEP, /* forward only: its derivative is zero almost everywhere */
    MLP_ACT_COUNT
} mlp_act;

#define MLP_LEAKY_SLOPE 0.01 /* negative-side slope of leaky-relu (PyTorch's) */

/* Loss on the output layer, which is always affine (no activation):
 *  MLP_CE:  softmax fused with cross-entropy; loss = mean over the batch of
 *           -log softmax(z)[y], computed through log-sum-exp.
 *  MLP_MSE: identity output; loss = mean over all n*K elements of (z - t)^2,
 *           as PyTorch's MSELoss, with t the one-hot code of the label. */
typedef enum { MLP_CE, MLP_MSE } mlp_loss;

/* Names as the command line spells them ("leaky-relu", "ce", ...). */
const char *mlp_act_name(mlp_act a);
const char *mlp_loss_name(mlp_loss l);
mlp_status  mlp_act_parse(const char *name, mlp_act *out);
mlp_status  mlp_loss_parse(const char *name, mlp_loss *out);

typedef struct mlp_net mlp_net;

/* A network of n_layers dense layers. sizes has n_layers + 1 entries (input
 * width, hidden widths, output width); acts has n_layers - 1 entries, one
 * per hidden layer. Parameters start at zero. */
mlp_status mlp_new(mlp_net **out, int n_layers, const int *sizes,
                   const mlp_act *acts, mlp_loss loss);
void       mlp_free(mlp_net *net);
mlp_status mlp_clone(mlp_net **out, const mlp_net *net);

int       mlp_layers(const mlp_net *net);        /* dense layers */
int       mlp_width(const mlp_net *net, int i);  /* i = 0 input .. n_layers output */
mlp_act   mlp_activation(const mlp_net *net, int hidden); /* 0 .. n_layers-2 */
mlp_loss  mlp_loss_kind(const mlp_net *net);
size_t    mlp_param_count(const mlp_net *net);
/* All parameters in one array, ordered W1, b1, W2, b2, ... */
mlp_real *mlp_params(mlp_net *net);
const mlp_real *mlp_params_const(const mlp_net *net);
/* Offset into the parameter (or gradient) array of W or b of layer l (0-based). */
size_t    mlp_weight_offset(const mlp_net *net, int l);
size_t    mlp_bias_offset(const mlp_net *net, int l);

/* Metadata that travels with a model file. Class names: one per output
 * (n must equal the output width), copied; NULL names clears them.
 * mlp_class_name returns NULL when the model has no names. */
mlp_status  mlp_set_class_names(mlp_net *net, int n, const char *const *names);
const char *mlp_class_name(const mlp_net *net, int k);
/* Input scaling x' = (x - mean) / scale per feature (input width entries
 * each, copied; scale entries must be non-zero); NULL, NULL clears it.
 * mlp_input_scaling gives NULLs when unset. */
mlp_status  mlp_set_input_scaling(mlp_net *net, const mlp_real *mean, const mlp_real *scale);
void        mlp_input_scaling(const mlp_net *net, const mlp_real **mean, const mlp_real **scale);
/* Image shape of the input (height, width, channels), all 0 when the input
 * is not an image. height * width * channels must equal the input width. */
mlp_status  mlp_set_input_shape(mlp_net *net, int height, int width, int channels);
void        mlp_input_shape(const mlp_net *net, int *height, int *width, int *channels);

/* ---- initialisation ----------------------------------------------------- */

typedef enum {
    MLP_INIT_ZEROS,
    MLP_INIT_NORMAL,          /* normal:STD      N(0, STD^2) */
    MLP_INIT_UNIFORM,         /* uniform:A       U(-A, A) */
    MLP_INIT_XAVIER,          /* xavier          N(0, 2/(in+out)) */
    MLP_INIT_XAVIER_UNIFORM,  /* xavier-uniform  U(-a, a), a = sqrt(6/(in+out)) */
    MLP_INIT_HE,              /* he              N(0, 2/in) */
    MLP_INIT_LECUN,           /* lecun           N(0, 1/in) */
    MLP_INIT_MAXFAN,          /* maxfan          N(0, 1/max(in,out)) */
    MLP_INIT_PYTORCH          /* pytorch         U(-1/sqrt(in), 1/sqrt(in)), Linear's default */
} mlp_init_kind;

typedef struct { mlp_init_kind kind; double arg; } mlp_init;

/* Parses "normal:0.01", "xavier", ... */
mlp_status mlp_init_parse(const char *spec, mlp_init *out);
/* Writes the canonical spelling of an initialiser into buf. */
void       mlp_init_format(mlp_init init, char *buf, size_t size);
/* Draws every weight from w and every bias from b, layer by layer (W1, b1,
 * W2, ...), fans taken from the layer's own in and out widths. */
mlp_status mlp_init_params(mlp_net *net, mlp_init w, mlp_init b, mlp_rng *rng);

/* ---- forward and backward ------------------------------------------------ */

/* Activations, gradients of activations and the batch buffer, allocated once
 * for batches of up to max_batch rows. One workspace per thread of use. */
typedef struct mlp_work mlp_work;

mlp_status mlp_work_new(mlp_work **out, const mlp_net *net, int max_batch);
void       mlp_work_free(mlp_work *w);

/* Forward pass on n rows of x (n x in). Returns the output (n x out):
 * class probabilities for MLP_CE, the affine output for MLP_MSE. The pointer
 * is into the workspace and valid until its next use. n <= max_batch. */
const mlp_real *mlp_forward(const mlp_net *net, mlp_work *w,
                            const mlp_real *x, int n);

/* Forward and backward pass on n rows with integer labels y in [0, out).
 * Stores the mean loss in *loss and, when grad is not NULL, the gradient of
 * that mean with respect to every parameter in grad (mlp_param_count
 * entries, same order as mlp_params). Counts correct argmax predictions in
 * *correct when not NULL. Fails on a label out of range. */
mlp_status mlp_backward(const mlp_net *net, mlp_work *w, const mlp_real *x,
                        const int32_t *y, int n, double *loss,
                        mlp_real *grad, int *correct);

/* Convenience: probabilities (or outputs) of n rows into out (n x out). */
mlp_status mlp_run(const mlp_net *net, const mlp_real *x, int n, mlp_real *out);

/* ---- gradient check ------------------------------------------------------ */

typedef struct {
    double max_rel[64];   /* per tensor W1, b1, W2, ... (2 * n_layers entries) */
    double max_rel_all;   /* the largest of them */
    int    n_tensors;
    long   kinks;         /* entries skipped: every step crossed a kink */
} mlp_gradcheck_result;

/* Compares mlp_backward's gradient with seven-point central differences of
 * step eps (<= 0: 3e-3 in double, 3e-2 in float) on every parameter.
 * Relative error per entry is |a - n| / max(|a|, |n|, f), f = 1e-6 in
 * double and 1e-3 in float (smaller gradients are rounding noise). Where a step
 * flips a relu/leaky-relu/step unit on or off it is retried 10 and 100 times
 * smaller; entries where all three cross are counted in kinks, not compared
 * (docs/MATH.md, "Checking gradients"). */
mlp_status mlp_gradcheck(mlp_net *net, const mlp_real *x, const int32_t *y,
                         int n, double eps, mlp_gradcheck_result *res);

/* ---- data --------------------------------------------------------------- */

/* A labelled set in memory. Features are either bytes (x8, scaled to [0,1]
 * as each batch is gathered) or reals (x); exactly one is non-NULL. */
typedef struct {
    int32_t  n, d, classes;
    uint8_t  *x8;
    mlp_real *x;
    int32_t  *y;
    char    **class_names; /* classes names (from string labels), or NULL */
    int32_t  shape[3];     /* height, width, channels of image rows, or 0s */
} mlp_data;

typedef struct {
    int32_t  n;        /* training samples of a synthetic set (0: default) */
    double   noise;    /* synthetic label/position noise (< 0: default) */
    uint64_t seed;     /* seed of synthetic sets and of random splits */
    const char *label_col;  /* CSV label column: "N" (1-based), a header name,
                             * or "last"; NULL: the first column */
    double   test_fraction; /* CSV without a test file: fraction of rows held
                             * out as the test split (0: none) */
} mlp_data_opts;

/* Loads SRC into train and test (see docs/DATA.md): "mnist",
 * "fashion-mnist", "idx:DIR", "csv:TRAIN.csv[,TEST.csv]" and the synthetic
 * sets ("circles", "xor", ...). A set not given by the source has n = 0. */
mlp_status mlp_data_load(const char *src, const mlp_data_opts *opts,
                         mlp_data *train, mlp_data *test);
void       mlp_data_free(mlp_data *d);
/* Where the IDX source src ("mnist", "fashion-mnist" or "idx:DIR") is: the
 * directory holding its files, written into dir (size bytes). Named sets
 * are searched in $MLP_DATA/NAME/, ./data/NAME/, /usr/share/datasets/NAME/
 * (the first holding training images wins). MLP_ENOINPUT, with a message
 * saying where it looked and how to get the data, when not found;
 * MLP_EUSAGE when src is not an IDX source. */
mlp_status mlp_data_locate(const char *src, char *dir, size_t size);
/* The path of file `which` of an IDX directory, into path (size bytes):
 * 0 training images, 1 training labels, 2 test images, 3 test labels, by
 * their standard names (train-images-idx3-ubyte, ...) with or without .gz.
 * MLP_ENOINPUT when it is not there. */
mlp_status mlp_data_idx_file(const char *dir, int which, char *path, size_t size);
/* Copies rows idx[0..n) of d into x (n x d reals) and their labels into y. */
void       mlp_data_gather(const mlp_data *d, const int32_t *idx, int n,
                           mlp_real *x, int32_t *y);
/* Moves the last n rows of d into a new set val (as the seeds hold out
 * MNIST's last 5000 training images); d keeps the first d->n - n. */
mlp_status mlp_data_split_tail(mlp_data *d, int32_t n, mlp_data *val);
/* Per-feature mean and standard deviation (population) of d's features as
 * the network sees them (bytes already scaled to [0,1]); a feature with
 * zero deviation gets std 1, so (x - mean) / std is always defined. */
mlp_status mlp_data_stats(const mlp_data *d, mlp_real *mean, mlp_real *std);

/* ---- training ----------------------------------------------------------- */

typedef struct {
    int      epoch;       /* 1-based epoch that just finished */
    long     iter;        /* optimiser steps so far */
    const char *split;    /* "train", "val" or "test" */
    double   loss, acc;   /* mean loss and accuracy over the split */
    double   lr;          /* learning rate of the last step */
    double   seconds;     /* training wall time so far (steps only) */
} mlp_metrics;

/* Optimisers, each as PyTorch defines it (docs/MATH.md, "Optimisers"). */
typedef enum { MLP_SGD, MLP_MOMENTUM, MLP_NESTEROV, MLP_ADAGRAD, MLP_RMSPROP, MLP_ADAM } mlp_opt;

/* Learning-rate schedules (docs/MATH.md, "Schedules"):
 *  const             lr0 throughout
 *  linear:TAU:END    lr = (1 - it/TAU) lr0 + (it/TAU) END, held at END after TAU
 *                    (it = optimiser steps taken before this one; seed 001's rule)
 *  step:EVERY:GAMMA  lr0 * GAMMA^floor(e / EVERY), e = completed epochs
 *  exp:GAMMA         lr0 * GAMMA^e
 *  cosine[:T]        lr0 (1 + cos(pi min(e, T) / T)) / 2, T epochs (default: all) */
typedef enum { MLP_SCHED_CONST, MLP_SCHED_LINEAR, MLP_SCHED_STEP, MLP_SCHED_EXP, MLP_SCHED_COSINE } mlp_sched_kind;
typedef struct { mlp_sched_kind kind; double a, b; } mlp_schedule;

mlp_status mlp_opt_parse(const char *name, mlp_opt *out);
const char *mlp_opt_name(mlp_opt o);
mlp_status mlp_schedule_parse(const char *spec, mlp_schedule *out);
/* The learning rate of the step taken after iter steps, in 0-based epoch
 * epoch of total epochs. */
double     mlp_schedule_lr(const mlp_schedule *s, double lr0, long iter, int epoch, int total);

typedef struct {
    int      epochs;      /* passes over the training set */
    int      batch;       /* rows per step: 1 online, >= n full batch */
    double   lr;          /* base learning rate */
    uint64_t seed;        /* shuffling, sampling, dropout */
    mlp_opt  opt;         /* optimiser (MLP_SGD) */
    double   momentum;    /* momentum and nesterov (0.9) */
    double   beta1, beta2;/* adam (0.9, 0.999) */
    double   alpha;       /* rmsprop's smoothing constant (0.99) */
    double   eps;         /* adam, rmsprop, adagrad; < 0: PyTorch's default
                           * (1e-8, 1e-8, 1e-10) */
    double   l2;          /* weight decay added to the gradient of weights
                           * (not biases): g += l2 * W */
    double   dropout;     /* inverted dropout probability on hidden layers */
    mlp_schedule schedule;
    int      sample_replace; /* 0: a new permutation each epoch; 1: batches
                              * drawn with replacement, ceil(n/batch) a epoch */
    long     eval_every;  /* also report metrics every K steps (0: off) */
    int      early_stop;  /* stop after N epochs without a better validation
                           * loss and keep the best weights (0: off) */
    double   diverge_factor; /* an epoch whose mean training loss exceeds this
                              * times max(starting loss, chance loss) has
                              * diverged (10; 0: only NaN/inf) */
    const mlp_data *val;  /* validation split measured every epoch, or NULL */
    const char *checkpoint; /* after every epoch, save the whole training
                             * state here (atomically), or NULL */
    const char *resume;     /* continue from this checkpoint, or NULL: the
                             * run ends with the same model, byte for byte, as
                             * one never interrupted (same settings and
                             * thread count; they are checked) */
    /* When not NULL and *stop becomes non-zero (a signal handler sets it),
     * training finishes the step under way, saves a checkpoint if one was
     * asked for (resumable mid-epoch) and returns MLP_EINTR. */
    const volatile sig_atomic_t *stop;
    /* Called after every epoch (and every eval_every steps) for each split
     * measured; may be NULL. */
    void   (*on_metrics)(void *ctx, const mlp_metrics *m);
    /* Called after every step with steps done and steps planned; may be NULL. */
    void   (*on_progress)(void *ctx, long done, long total, double seconds);
    void    *ctx;
} mlp_train_opts;

/* Defaults (also the command's): 20 epochs, batch 16, lr 0.1, seed 1, plain
 * SGD, constant rate, shuffling, no regularisation; PyTorch's constants. */
void       mlp_train_defaults(mlp_train_opts *o);

typedef struct {
    int    epochs;                    /* epochs completed */
    int    best_epoch;                /* epoch whose weights were kept (early stop) */
    double train_loss, train_acc;     /* running mean over the last epoch */
    double val_loss, val_acc;         /* after the last epoch; NaN when no val set */
    double test_loss, test_acc;       /* after the last epoch; NaN when no test set */
    double train_seconds;             /* wall time of the steps alone */
    double samples_per_second;
} mlp_train_result;

/* Mini-batch training of net on train with the optimiser, schedule and
 * regularisation of o; evaluates on o->val and test (each when not NULL and
 * not empty) after every epoch. Stops with MLP_EDIVERGED as soon as a batch
 * loss is NaN or infinite or an epoch's loss passes o->diverge_factor; the
 * network then holds the weights of that step and should be thrown away. */
mlp_status mlp_train(mlp_net *net, const mlp_data *train, const mlp_data *test,
                     const mlp_train_opts *o, mlp_train_result *res);

/* Mean loss and accuracy of net over d. */
mlp_status mlp_evaluate(const mlp_net *net, const mlp_data *d,
                        double *loss, double *acc);

/* A full evaluation: confusion matrix (row = true class, column = predicted,
 * k x k counts) and per-class precision, recall and F1. A class that is never
 * predicted has precision 0, one that never occurs has recall 0, and F1 is 0
 * where precision + recall is 0 (scikit-learn's zero_division=0). */
typedef struct {
    int32_t  k, n;
    double   loss, accuracy;
    int64_t *confusion;
    double  *precision, *recall, *f1;
    double   macro_f1;    /* unweighted mean of f1 over the k classes */
} mlp_report;

mlp_status mlp_report_data(const mlp_net *net, const mlp_data *d, mlp_report *out);
void       mlp_report_free(mlp_report *r);

/* ---- files -------------------------------------------------------------- */

/* Binary model file (docs/FORMAT.md): written to a temporary file, flushed
 * and renamed over path, so path always holds a whole model or its old one. */
mlp_status mlp_save(const mlp_net *net, const char *path);
mlp_status mlp_load(mlp_net **out, const char *path);

/* NumPy .npz with W1, b1, W2, b2, ... (W of shape out x in, float32). */
mlp_status mlp_export_npz(const mlp_net *net, const char *path);
/* Reads W1, b1, ... (float32 or float64) into a new network whose widths are
 * inferred from the shapes; acts and loss as given (acts: n_layers-1 entries
 * or one entry used for every hidden layer). n_acts is the length of acts. */
mlp_status mlp_import_npz(mlp_net **out, const char *path,
                          const mlp_act *acts, int n_acts, mlp_loss loss);

#ifdef __cplusplus
}
#endif
#endif /* MLP_H */
