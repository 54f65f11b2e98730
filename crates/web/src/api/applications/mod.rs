//! Applications for disclosure through the API, one file per action.

pub mod create;
pub mod status;

pub use create::create;
pub use status::status;
