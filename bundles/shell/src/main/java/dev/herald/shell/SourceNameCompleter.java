package dev.herald.shell;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SourceView;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of Herald's source instances. */
@Service
public class SourceNameCompleter implements Completer {

    @Reference
    HeraldAdmin admin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(admin.sources().stream().map(SourceView::instance).toList())
                .complete(session, commandLine, candidates);
    }
}
