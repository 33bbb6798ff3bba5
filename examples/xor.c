/*
 * xor.c - a complete program using the installed libmlp: build a 2-8-2
 * tanh network, train it on the synthetic xor set, and classify a point.
 *
 *   cc examples/xor.c -o xor $(pkg-config --cflags --libs mlp)
 */
#include <mlp.h>
#include <stdio.h>

static int check(mlp_status s)
{
    if (s != MLP_OK) fprintf(stderr, "xor: %s\n", mlp_errmsg());
    return s != MLP_OK;
}

int main(void)
{
    mlp_data train, test;
    mlp_data_opts data = {.n = 1000, .noise = 0.05, .seed = 42};
    if (check(mlp_data_load("xor", &data, &train, &test))) return 1;

    mlp_net *net;
    int sizes[] = {2, 8, 2};
    mlp_act acts[] = {MLP_TANH};
    if (check(mlp_new(&net, 2, sizes, acts, MLP_CE))) return 1;

    mlp_rng rng;
    mlp_rng_seed(&rng, 42);
    mlp_init xavier = {MLP_INIT_XAVIER, 0}, zeros = {MLP_INIT_ZEROS, 0};
    mlp_init_params(net, xavier, zeros, &rng);

    mlp_train_opts opts;
    mlp_train_defaults(&opts);
    opts.epochs = 40;
    opts.batch = 16;
    opts.lr = 0.2;
    mlp_train_result res;
    if (check(mlp_train(net, &train, &test, &opts, &res))) return 1;
    printf("test accuracy %.3f after %d epochs\n", res.test_acc, res.epochs);

    mlp_real x[2] = {0.5f, -0.5f}, p[2];
    if (check(mlp_run(net, x, 1, p))) return 1;
    printf("p(class 1 | x = (0.5, -0.5)) = %.3f\n", (double)p[1]);

    mlp_free(net);
    mlp_data_free(&train);
    mlp_data_free(&test);
    return 0;
}
