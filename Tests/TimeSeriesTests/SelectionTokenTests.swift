import Testing
import TimeSeries

@Suite struct SelectionTokenTests {
  @Test func changesWithTheSetOfSeriesOnly() {
    var store = SeriesStore()
    let id = store.seriesID(for: Labels(name: "up"))
    let token = store.selectionToken
    store.append(id, timestamp: 0, value: 1)
    #expect(store.selectionToken === token, "appending samples keeps the selection valid")
    var copy = store
    _ = copy.seriesID(for: Labels(name: "down"))
    #expect(copy.selectionToken !== token, "a new series invalidates selections")
    #expect(store.selectionToken === token, "the original store is unchanged")
  }
}
