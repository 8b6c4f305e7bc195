extension SimpleDate {
    /// Today's date in UTC: what "review overdue" is measured against unless a caller
    /// (a test, `assay check --today`) fixes the date.
    public static func today() -> SimpleDate {
        SimpleDate(iso: PageScaffold.today())!
    }
}
