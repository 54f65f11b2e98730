//! Applications for disclosure (依申请公开, 条例第二十七至四十五条): receiving one, a caseworker's step, the letters
//! served.

pub mod deadline;
pub mod letters;

pub use letters::{LetterDownload, LetterError, decision_letter, letter_file};
pub mod receive;

pub use receive::{FieldRefusal, IdProof, Intake, Receipt, Refusal, Request, receive};
pub mod lookup;
pub mod status;
pub mod step;
