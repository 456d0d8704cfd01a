namespace DetectionKit.Engine.Sources;

/// <summary>Where what could not be read goes; called from every object read side by side, so implementations are thread-safe.</summary>
public interface IDeadLetterSink
{
    void Add(DeadLetter entry);
}
