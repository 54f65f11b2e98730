pub mod clock;
pub mod outcome;
pub mod status;
pub mod fees;
pub mod stats;
