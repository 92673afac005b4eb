// Literal traces from the runtimes Deep Debug reads, as they print them.

export const NODE_TRACE = `/home/dev/shop/dist/cart.js:5
    return item.price * item.qty;
                ^

TypeError: Cannot read properties of undefined (reading 'price')
    at lineTotal (/home/dev/shop/dist/cart.js:5:17)
    at Array.map (<anonymous>)
    at cartTotal (/home/dev/shop/dist/cart.js:9:22)
    at async checkout (file:///home/dev/shop/dist/checkout.mjs:12:3)
    at Module._compile (node:internal/modules/cjs/loader:1554:14)
    at Object.<anonymous> (/home/dev/shop/node_modules/tsx/dist/cjs/index.cjs:1:1242)

Node.js v20.20.0`;

export const CHROME_TRACE = `Uncaught TypeError: Cannot read properties of null (reading 'addEventListener')
    at setup (webpack:///./src/ui/menu.ts:14:9)
    at http://localhost:3000/static/js/main.4f2a.js:2:1337
    at HTMLDocument.<anonymous> (webpack-internal:///./src/index.ts:7:3)`;

export const FIREFOX_TRACE = `TypeError: menu is null
setup@http://localhost:5173/src/ui/menu.ts?t=1712345:14:9
init/<@http://localhost:5173/src/index.ts:7:3
@http://localhost:5173/node_modules/.vite/deps/chunk-ABC.js:10:5`;

export const TSC_OUTPUT = `src/cart.ts(12,7): error TS2322: Type 'string' is not assignable to type 'number'.
src/checkout.ts(3,10): error TS2305: Module '"./cart"' has no exported member 'total'.`;

export const TSC_PRETTY = `\u001b[96msrc/cart.ts\u001b[0m:\u001b[93m12\u001b[0m:\u001b[93m7\u001b[0m - \u001b[91merror\u001b[0m\u001b[90m TS2322: \u001b[0mType 'string' is not assignable to type 'number'.

12       total = "0";
         ~~~~~

Found 1 error in src/cart.ts\u001b[90m:12\u001b[0m`;

export const PYTHON_TRACE = `Traceback (most recent call last):
  File "/srv/app/main.py", line 22, in <module>
    print(checkout(cart))
          ^^^^^^^^^^^^^^
  File "/srv/app/shop/checkout.py", line 9, in checkout
    return cart_total(cart.items)
  File "/srv/app/shop/cart.py", line 4, in cart_total
    total += items[i].price
             ~~~~~^^^
IndexError: list index out of range`;

export const JAVA_TRACE = `Exception in thread "main" java.lang.IllegalStateException: checkout failed
	at com.acme.shop.Checkout.run(Checkout.java:31)
	at com.acme.shop.Main.main(Main.java:8)
Caused by: java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3
	at com.acme.shop.Cart.total(Cart.java:17)
	at com.acme.shop.Checkout.run(Checkout.java:29)
	at java.base/java.lang.Thread.run(Thread.java:833)
	... 1 more`;

export const KOTLIN_TRACE = `Exception in thread "main" java.lang.NullPointerException: Parameter specified as non-null is null
	at com.acme.shop.CartKt.total(Cart.kt:12)
	at com.acme.shop.MainKt.main(Main.kt:5)`;

export const GO_PANIC = `panic: runtime error: index out of range [3] with length 3

goroutine 1 [running]:
main.cartTotal({0xc000012345, 0x3, 0x3})
	/home/dev/shop/cart.go:12 +0x1d
main.main()
	/home/dev/shop/main.go:8 +0x45
exit status 2`;

export const RUST_PANIC = `thread 'main' panicked at src/cart.rs:4:18:
index out of bounds: the len is 3 but the index is 3
note: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`;

export const RUST_BACKTRACE = `thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 3', src/cart.rs:4:18
stack backtrace:
   0: rust_begin_unwind
             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:645:5
   1: core::panicking::panic_bounds_check
             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/panicking.rs:208:5
   2: shop::cart::total
             at ./src/cart.rs:4:18
   3: shop::main
             at ./src/main.rs:6:5`;

export const DOTNET_TRACE = `Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.
   at Shop.Cart.Total() in /home/dev/Shop/Cart.cs:line 14
   at Shop.Program.Main(String[] args) in C:\\src\\Shop\\Program.cs:line 9`;

export const GCC_OUTPUT = `src/cart.c:12:5: error: 'totl' undeclared (first use in this function)
   12 |     totl += items[i].price;
      |     ^~~~`;
