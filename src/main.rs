//! samlscope web app entry point: mounts [`samlscope_web::app::App`] into `<body>`.
//!
//! On targets other than wasm32 there is nothing to run (the crate's logic-free helpers are
//! tested natively through the library).

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        samlscope_web::panic::install();
        samlscope_web::copy::install();
        yew::Renderer::<samlscope_web::app::App>::new().render();
    }
}
