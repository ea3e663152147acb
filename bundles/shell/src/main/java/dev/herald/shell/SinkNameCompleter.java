package dev.herald.shell;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SinkView;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of Herald's sinks, as routes and {@code --sink} refer to them. */
@Service
public class SinkNameCompleter implements Completer {

    @Reference
    HeraldAdmin admin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(admin.sinks().stream().map(SinkView::name).toList())
                .complete(session, commandLine, candidates);
    }
}
