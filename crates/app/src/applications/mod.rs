//! Applications for disclosure (依申请公开, 条例第二十七至四十五条): receiving one, the applicant's way in and
//! what they may see, a caseworker's step, the letters served, and the public deadline calculator.

pub mod case_list;
pub mod deadline;
pub mod fees;
pub mod forms;
pub mod letters;
pub mod limits;
pub mod lookup;
pub mod notices;
pub mod receipt_pdf;
pub mod receive;
pub mod respond;
pub mod retention;
pub mod staff_search;
pub mod status;
pub mod step;

pub use letters::{
    DecisionText, LetterDownload, LetterError, Reader, decision_letter, letter_file, letters_for,
};
pub use receive::{FieldRefusal, IdProof, Intake, Receipt, Refusal, Request, receive};
