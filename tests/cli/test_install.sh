# make install into a temporary prefix; the example builds against it with
# pkg-config and runs; the installed command works.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
expect_status "make install PREFIX=..." 0 make -s install PREFIX="$T/inst"
for f in bin/mlp include/mlp.h lib/libmlp.a lib/libmlp.so lib/pkgconfig/mlp.pc; do
    expect_true "installed $f" test -e "$T/inst/$f"
done
export PKG_CONFIG_PATH="$T/inst/lib/pkgconfig"
expect_status "example builds with pkg-config (shared)" 0 bash -c "cc examples/xor.c -o '$T/xor' \$(pkg-config --cflags --libs mlp) -Wl,-rpath,'$T/inst/lib'"
expect_status "example runs" 0 "$T/xor"
expect_true "example reports accuracy" grep -q "test accuracy 0.9" "$T/out"
expect_status "example builds statically" 0 bash -c "cc examples/xor.c -o '$T/xor-static' \$(pkg-config --cflags mlp) '$T/inst/lib/libmlp.a' \$(pkg-config --libs-only-l --static mlp | sed 's/-lmlp//')"
expect_status "installed mlp runs" 0 "$T/inst/bin/mlp" --version
