//! What a page and its JSON twin both show, built from the use cases' answers: shared by the portal, the
//! console and the API so that none of them reaches into another.

pub mod application;
pub mod casework;
pub mod deadline;
pub mod schema;
